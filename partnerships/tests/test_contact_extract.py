"""A partner contact's register extract (issue 26): the person's rows in every role, the
agreements they act for, their history and who was shown them; for officials, logged."""

from __future__ import annotations

from django.urls import reverse

from audit.models import ContactAccessLogEntry
from partnerships.models import AgreementContact


def test_the_extract_gathers_the_person_in_every_role(client, seed, official, coordinator):
    ikf = seed["ikf2023"]
    partner = ikf.parties.get().partner
    chair = partner.contacts.get(role="chair")  # Amina Exempel (fiktiv), also the signatory
    signatory = partner.contacts.get(role="signatory")
    AgreementContact.objects.create(agreement=ikf, contact=signatory)
    client.force_login(coordinator)
    client.get(partner.get_absolute_url())  # shown to a coordinator: in the extract's "who viewed"
    url = reverse("partnerships:contact_extract", args=[partner.pk, chair.pk])
    assert client.get(url).status_code == 403  # the coordinator sees contacts, not extracts
    client.force_login(official)
    response = client.get(url)
    extract = response.context["extract"]
    assert [row.role for row in extract.rows] == ["chair", "signatory"]
    assert [link.agreement for link in extract.agreements] == [ikf]
    assert [entry.user for entry in extract.views] == [coordinator]
    assert "Leyla Prov" not in response.content.decode()  # another person
    # viewing the extract is itself logged
    last = ContactAccessLogEntry.objects.latest("pk")
    assert (last.user, last.contact_ids) == (official, [chair.pk, signatory.pk])


def test_another_partners_contact_is_not_found_under_this_partner(client, seed, official):
    ikf = seed["ikf2023"].parties.get().partner
    other = seed["hoppfull"].parties.get().partner
    client.force_login(official)
    url = reverse("partnerships:contact_extract", args=[other.pk, ikf.contacts.first().pk])
    assert client.get(url).status_code == 404
