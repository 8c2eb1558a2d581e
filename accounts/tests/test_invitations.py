"""Partner users by invitation, through the real URLs: invite from the partner page, the e-mail,
the one-time link (72 hours, once), the password rules, deactivate and reactivate."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from accounts.access import Access
from accounts.models import Invitation, PartnerMembership, SecurityEvent
from partnerships.models import Partner

NEW_PASSWORD = "ett-nytt-långt-lösen"


@pytest.fixture
def partner(seed):
    return seed["ikf2023"].parties.get().partner


def invite(client, partner, email="nina@example.org", capture=None):
    with capture(execute=True):
        return client.post(reverse("partnerships:partner_invite", args=[partner.pk]), {"email": email})


def link_in(message) -> str:
    return re.search(r"http://\S+/account/invitation/\S+/", message.body).group(0)


def accept(client, url, password=NEW_PASSWORD, **extra):
    data = {"first_name": "Nina", "last_name": "Ny", "new_password1": password, "new_password2": password}
    return client.post(url.removeprefix("http://127.0.0.1:8000"), {**data, **extra})


def test_an_official_invites_and_the_person_chooses_a_password(
    client, official, partner, django_capture_on_commit_callbacks
):
    client.force_login(official)
    response = invite(client, partner, capture=django_capture_on_commit_callbacks)
    assert response.status_code == 302 and response.url == partner.get_absolute_url()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["nina@example.org"]
    assert message.subject == f"Inbjudan till IOP-registret: {partner.name}"
    assert f"som användare för {partner.name}" in message.body
    assert "gäller en gång och i 72 timmar" in message.body
    url = link_in(message)
    # only the token's hash is stored
    token = url.rstrip("/").rsplit("/", 1)[1]
    assert not Invitation.objects.filter(token_hash__contains=token).exists()
    # the partner page lists the open invitation
    page = client.get(partner.get_absolute_url()).content.decode()
    assert "nina@example.org" in page and "Inbjudningar som inte använts" in page

    person = Client()
    form = person.get(url.removeprefix("http://127.0.0.1:8000"))
    assert form.status_code == 200 and "Välj ett lösenord" in form.content.decode()
    done = accept(person, url)
    assert done.status_code == 302
    user = get_user_model().objects.get(username="nina@example.org")
    assert user.email == "nina@example.org" and user.get_full_name() == "Nina Ny"
    assert Access(user).roles == {roles.PARTNER}
    assert PartnerMembership.objects.get(user=user).partner == partner
    assert person.get(reverse("portal:home")).status_code == 200  # logged in, the partner portal
    assert SecurityEvent.objects.filter(kind="invitation_accepted", subject=user).exists()
    # listed on the partner page, the invitation no longer open
    page = client.get(partner.get_absolute_url()).content.decode()
    assert "Nina Ny" in page and "Inbjudningar som inte använts" not in page
    # and the e-mail address with the password logs in
    again = Client()
    login = again.post(reverse("login"), {"username": "nina@example.org", "password": NEW_PASSWORD})
    assert login.status_code == 302


def test_the_link_works_once(client, official, partner, django_capture_on_commit_callbacks):
    client.force_login(official)
    invite(client, partner, capture=django_capture_on_commit_callbacks)
    url = link_in(mail.outbox[0])
    assert accept(Client(), url).status_code == 302
    reused = Client()
    assert reused.get(url.removeprefix("http://127.0.0.1:8000")).status_code == 410
    second = accept(reused, url, password="ett-annat-långt-lösen")
    assert second.status_code == 410
    assert "har gått ut eller redan använts" in second.content.decode()
    assert get_user_model().objects.filter(email="nina@example.org").count() == 1


def test_the_link_expires_after_72_hours(client, official, partner, django_capture_on_commit_callbacks):
    client.force_login(official)
    invite(client, partner, capture=django_capture_on_commit_callbacks)
    url = link_in(mail.outbox[0]).removeprefix("http://127.0.0.1:8000")
    invitation = Invitation.objects.get()
    invitation.created_at = timezone.now() - timedelta(hours=72, seconds=-30)
    invitation.save()
    assert Client().get(url).status_code == 200  # 71 h 59 min 30 s: still good
    invitation.created_at = timezone.now() - timedelta(hours=72)
    invitation.save()
    assert Client().get(url).status_code == 410
    assert accept(Client(), url).status_code == 410
    assert not get_user_model().objects.filter(email="nina@example.org").exists()


def test_an_unknown_link_is_refused_like_an_old_one(db):
    response = Client().get(reverse("accounts:invitation_accept", args=["x" * 43]))
    assert response.status_code == 410


def test_the_password_rules_apply(client, official, partner, django_capture_on_commit_callbacks):
    client.force_login(official)
    invite(client, partner, capture=django_capture_on_commit_callbacks)
    url = link_in(mail.outbox[0])
    for weak in ("kort", "123456789012", "nina@example.org"):
        response = accept(Client(), url, password=weak)
        assert response.status_code == 200, weak
        assert "is-invalid" in response.content.decode()
    assert not get_user_model().objects.filter(email="nina@example.org").exists()
    assert accept(Client(), url).status_code == 302  # the link still works after refusals


def test_an_address_that_has_an_account_gets_no_invitation(
    client, official, partner, django_capture_on_commit_callbacks
):
    official.email = "alice@example.org"
    official.save()
    client.force_login(official)
    response = invite(client, partner, email="Alice@Example.org", capture=django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert "Det finns redan en användare" in client.get(response.url).content.decode()
    assert mail.outbox == [] and not Invitation.objects.exists()


@pytest.mark.parametrize("role", ["coordinator", "secretary", "partner_user"])
def test_other_roles_cannot_invite(client, request, partner, role, django_capture_on_commit_callbacks):
    client.force_login(request.getfixturevalue(role))
    assert invite(client, partner, capture=django_capture_on_commit_callbacks).status_code == 403
    assert not Invitation.objects.exists()
    assert "Bjud in" not in client.get(partner.get_absolute_url()).content.decode()


@pytest.mark.committee_isolation  # the test makes its memberships itself
def test_an_official_cannot_invite_to_another_committees_partner(
    client, official, partner, monkeypatch, django_capture_on_commit_callbacks
):
    """With per-committee access on (issue 13, Access.sees_all_committees), an official reaches
    only the partners of its committees' agreements; another's is a 404, and so is a partner
    with no agreement at all."""
    from accounts.models import CommitteeMembership
    from partnerships.models import Committee

    monkeypatch.setattr(
        Access, "sees_all_committees", property(lambda access: roles.ADMINISTRATOR in access.roles)
    )
    other = Committee.objects.create(name="Socialnämnden", abbreviation="SN", administration="SOF")
    CommitteeMembership.objects.create(user=official, committee=other)
    client.force_login(official)
    assert invite(client, partner, capture=django_capture_on_commit_callbacks).status_code == 404
    lonely = Partner.objects.create(name="Utan avtal")
    assert invite(client, lonely, capture=django_capture_on_commit_callbacks).status_code == 404
    status = reverse("partnerships:partner_member_status", args=[partner.pk])
    assert client.post(status, {"user": official.pk, "active": "0"}).status_code == 404
    assert not Invitation.objects.exists()
    # in its own committee it may
    CommitteeMembership.objects.create(user=official, committee=partner.parties.first().agreement.committee)
    assert invite(client, partner, capture=django_capture_on_commit_callbacks).status_code == 302
    assert Invitation.objects.count() == 1


def test_an_administrator_invites_too(client, administrator, partner, django_capture_on_commit_callbacks):
    client.force_login(administrator)
    assert invite(client, partner, capture=django_capture_on_commit_callbacks).status_code == 302
    assert len(mail.outbox) == 1


def test_deactivate_and_reactivate_a_partner_user(client, official, partner_user, partner):
    PartnerMembership.objects.create(user=partner_user, partner=partner)
    partner_client = Client()
    partner_client.force_login(partner_user)
    assert partner_client.get(reverse("portal:home")).status_code == 200
    client.force_login(official)
    url = reverse("partnerships:partner_member_status", args=[partner.pk])
    page = client.get(partner.get_absolute_url()).content.decode()
    assert "dana" in page and "Inaktivera" in page

    assert client.post(url, {"user": partner_user.pk, "active": "0"}).status_code == 302
    partner_user.refresh_from_db()
    assert not partner_user.is_active
    # the open session ends, and the password no longer logs in
    assert partner_client.get(reverse("portal:home")).status_code == 302
    from conftest import PASSWORD

    login = Client().post(reverse("login"), {"username": "dana", "password": PASSWORD})
    assert login.status_code == 200
    assert "inaktiverad" in client.get(partner.get_absolute_url()).content.decode()
    assert SecurityEvent.objects.filter(kind="deactivated", subject=partner_user, by=official).exists()

    assert client.post(url, {"user": partner_user.pk, "active": "1"}).status_code == 302
    partner_user.refresh_from_db()
    assert partner_user.is_active
    assert Client().post(reverse("login"), {"username": "dana", "password": PASSWORD}).status_code == 302


def test_only_the_partners_own_users_can_be_deactivated(client, official, secretary, partner):
    client.force_login(official)
    url = reverse("partnerships:partner_member_status", args=[partner.pk])
    assert client.post(url, {"user": secretary.pk, "active": "0"}).status_code == 404
    secretary.refresh_from_db()
    assert secretary.is_active


def test_the_partner_page_lists_users_in_a_constant_number_of_queries(
    client, official, partner, django_user_model
):
    client.force_login(official)
    client.get(partner.get_absolute_url())
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(partner.get_absolute_url()).status_code == 200
        return len(queries)

    few = count()
    for index in range(5):
        user = django_user_model.objects.create_user(username=f"p{index}", email=f"p{index}@example.org")
        PartnerMembership.objects.create(user=user, partner=partner)
    assert count() == few
