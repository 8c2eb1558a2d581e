"""Each agreement's responsible official (issue 12): by default whoever registered it, changeable
on the form to another official, carried into a renewal."""

from __future__ import annotations

from django.urls import reverse

from accounts import roles
from conftest import form_data, make_user
from partnerships.models import Agreement
from partnerships.tests.test_agreement_forms import CREATE, agreement_data


def test_whoever_registers_an_agreement_is_responsible_for_it(client, official, seed):
    client.force_login(official)
    ikf = seed["ikf2023"]
    client.post(CREATE, agreement_data(ikf.committee, ikf.parties.get().partner))
    assert Agreement.objects.get(name="Nytt partnerskap").responsible == official


def test_another_official_can_be_made_responsible_and_the_renewal_keeps_them(
    client, official, seed, django_user_model
):
    other = make_user(django_user_model, "olga", roles.OFFICIAL)
    outsider = make_user(django_user_model, "pelle", roles.PARTNER)
    ikf = seed["ikf2023"]
    url = reverse("partnerships:agreement_edit", args=[ikf.pk])
    client.force_login(official)
    response = client.get(url)
    choices = {
        choice.instance.username
        for choice, _label in list(response.context["form"].fields["responsible"].choices)[1:]
    }
    assert other.username in choices and outsider.username not in choices
    data = form_data(response)
    data["responsible"] = str(other.pk)
    assert client.post(url, data).status_code == 302
    ikf.refresh_from_db()
    assert ikf.responsible == other
    client.post(reverse("partnerships:agreement_renew", args=[ikf.pk]))
    assert Agreement.objects.get(predecessor=ikf).responsible == other
    assert "olga" in client.get(ikf.get_absolute_url()).content.decode()
