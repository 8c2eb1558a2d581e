"""Gallring of partners' contacts (issue 26, partnerships/contact_retention.py), run by `gallra`
(participants.retention.run) with the participants' retention period."""

from __future__ import annotations

from datetime import date

from participants import retention
from participants.tests.factories import AgreementFactory
from partnerships.models import AgreementParty, Partner, PartnerContact, Termination


def partner_with_agreement(name: str, valid_to: date) -> Partner:
    partner = Partner.objects.create(name=name, bankgiro="50501055")
    partner.contacts.create(role="signatory", name=f"Person hos {name}", email="p@example.org")
    agreement = AgreementFactory(valid_from=date(2020, 1, 1), valid_to=valid_to)
    AgreementParty.objects.create(agreement=agreement, partner=partner)
    return partner


def test_contacts_go_when_the_partner_has_had_no_agreement_for_the_period(db):
    """60 months before 2029-06-30 is 2024-06-30: an agreement that ended on 2024-06-29 is past
    it, one that ends 2024-06-30 is not; one ended early on 2024-03-31 (signed to 2026) is past."""
    ended = partner_with_agreement("Slutad", date(2024, 6, 29))
    kept = partner_with_agreement("Kvar", date(2024, 6, 30))
    early = partner_with_agreement("Avslutad i förtid", date(2026, 12, 31))
    Termination.objects.create(
        agreement=early.parties.get().agreement,
        given_by="committee",
        given_on=date(2023, 12, 31),
        notice_months=3,
        last_day=date(2024, 3, 30),
    )
    early.parties.get().agreement.__class__.objects.filter(parties__partner=early).update(
        ended_early_on=date(2024, 3, 30)
    )
    run = retention.run(today=date(2029, 6, 30), months=60)
    assert run.contacts == 2
    assert list(PartnerContact.objects.values_list("partner__name", flat=True)) == ["Kvar"]
    # no name left in the history; the organisation and where it is paid stay
    assert set(PartnerContact.history.filter(partner_id=ended.pk).values_list("name", "email")) == {("", "")}
    ended.refresh_from_db()
    assert ended.payment_account == "Bankgiro 5050-1055"
    assert kept.contacts.count() == 1
    assert retention.run(today=date(2029, 6, 30), months=60).contacts == 0  # nothing more


def test_every_page_that_shows_contacts_is_logged(client, seed, official, secretary):
    """Issue 26: the partner page, the agreement page and the API log the contacts they show,
    by id (gallra may remove the contacts, never the log); the secretary is shown none."""
    from django.urls import reverse

    from audit.models import ContactAccessLogEntry

    ikf = seed["ikf2023"]
    partner = ikf.parties.get().partner
    ids = list(partner.contacts.values_list("pk", flat=True))
    client.force_login(official)
    client.get(partner.get_absolute_url())
    client.get(ikf.get_absolute_url())
    client.get(ikf.get_absolute_url())  # from the cache: logged again
    rows = list(
        ContactAccessLogEntry.objects.order_by("pk").values_list(
            "user", "partner_id", "contact_ids", "url_name"
        )
    )
    assert rows == [
        (official.pk, partner.pk, ids, "partnerships:partner_detail"),
        (official.pk, partner.pk, ids, "partnerships:agreement_detail"),
        (official.pk, partner.pk, ids, "partnerships:agreement_detail"),
    ]
    client.force_login(secretary)
    client.get(partner.get_absolute_url())
    client.get(ikf.get_absolute_url())
    assert ContactAccessLogEntry.objects.filter(user=secretary).count() == 0
    assert "Amina Exempel" not in client.get(reverse("partnerships:partner_list")).content.decode()
