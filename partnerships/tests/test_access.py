"""Every partnerships page: allowed for an official, login for anonymous users."""

from __future__ import annotations

import pytest
from django.urls import reverse


def urls(seed) -> list[str]:
    agreement = seed["ikf2023"]
    partner = agreement.parties.first().partner
    return [
        reverse("partnerships:overview"),
        reverse("partnerships:agreement_create"),
        reverse("partnerships:agreement_detail", args=[agreement.pk]),
        reverse("partnerships:agreement_edit", args=[agreement.pk]),
        reverse("partnerships:partner_list"),
        reverse("partnerships:partner_create"),
        reverse("partnerships:partner_detail", args=[partner.pk]),
        reverse("partnerships:partner_edit", args=[partner.pk]),
    ]


def test_every_page_is_open_to_an_official(client, official, seed):
    client.force_login(official)
    for url in urls(seed):
        assert client.get(url).status_code == 200, url


def test_every_page_sends_anonymous_users_to_login(client, seed):
    for url in urls(seed):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login")), url


def test_renew_sends_anonymous_users_to_login(client, seed):
    response = client.post(reverse("partnerships:agreement_renew", args=[seed["ikf2021"].pk]))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


@pytest.mark.parametrize("role", ["secretary", "coordinator"])
def test_read_only_roles_see_but_cannot_edit(client, seed, role, request):
    client.force_login(request.getfixturevalue(role))
    agreement = seed["ikf2023"]
    assert client.get(reverse("partnerships:agreement_detail", args=[agreement.pk])).status_code == 200
    assert client.get(reverse("partnerships:agreement_edit", args=[agreement.pk])).status_code == 403
    assert client.get(reverse("partnerships:partner_create")).status_code == 403
    assert client.post(reverse("partnerships:agreement_renew", args=[agreement.pk])).status_code == 403


def test_a_user_without_a_role_sees_no_agreement(client, partner_user, seed):
    client.force_login(partner_user)
    assert client.get(reverse("partnerships:overview")).status_code == 403
    assert client.get(reverse("partnerships:agreement_detail", args=[seed["hoppfull"].pk])).status_code == 404


def test_login_page_is_swedish(client, db):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert "Logga in" in response.content.decode()


def test_a_partner_user_sees_only_its_own_organisations_agreements(client, partner_user, seed):
    from accounts.models import PartnerMembership

    ikf = seed["ikf2023"].parties.get().partner
    PartnerMembership.objects.create(user=partner_user, partner=ikf)
    client.force_login(partner_user)
    assert client.get(reverse("partnerships:agreement_detail", args=[seed["ikf2023"].pk])).status_code == 200
    assert client.get(reverse("partnerships:agreement_detail", args=[seed["ikf2021"].pk])).status_code == 200
    for other in ["hoppfull", "bro", "vises", "sprak", "sprakvanner"]:
        assert client.get(reverse("partnerships:agreement_detail", args=[seed[other].pk])).status_code == 404
    assert client.get(reverse("partnerships:agreement_edit", args=[seed["ikf2023"].pk])).status_code == 403
