"""Recovery codes for the second factor, through the real URLs: ten shown once at set-up, each
usable once instead of the app's code, new ones invalidate the old; a systemförvaltare resets
another user's second factor, and that is recorded."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import roles
from accounts.models import SecurityEvent
from accounts.tests.test_login import code_for, post_login
from conftest import PASSWORD, make_user

VERIFY = reverse("accounts:otp_verify")
CODES = reverse("accounts:recovery_codes")


@pytest.fixture(autouse=True)
def _no_throttle(settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


def codes_in(response) -> list[str]:
    block = re.search(r'<ol[^>]*id="recovery-codes">(.*?)</ol>', response.content.decode(), re.S).group(1)
    return [code.replace(" ", "") for code in re.findall(r"<li>([^<]+)</li>", block)]


@pytest.fixture
def frida(django_user_model):
    """An administrator who sets up her app now: returns (user, her ten codes)."""
    user = make_user(django_user_model, "frida", roles.ADMINISTRATOR)
    client = Client()
    post_login(client, "frida", PASSWORD)
    client.get(reverse("accounts:otp_setup"))
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(reverse("accounts:otp_setup"), {"token": code_for(device)})
    assert response.status_code == 302
    shown = client.get(response.url)
    assert "visas bara nu" in shown.content.decode()
    assert "no-cache" in shown["Cache-Control"] and "no-store" in shown["Cache-Control"]
    # shown once: the same page again shows no codes
    assert "recovery-codes" not in client.get(response.url).content.decode()
    return user, codes_in(shown)


def logged_in_with(code: str, username: str = "frida") -> Client:
    client = Client()
    post_login(client, username, PASSWORD)
    assert client.get(reverse("partnerships:overview")).url.startswith(VERIFY)
    client.post(VERIFY, {"token": code})
    return client


def test_ten_different_codes_are_shown_once_at_set_up(frida):
    user, codes = frida
    assert len(codes) == len(set(codes)) == 10
    assert all(re.fullmatch(r"[a-z2-7]{8}", code) for code in codes)
    # not shown again: the page says how many are left and offers new ones
    client = logged_in_with(codes[0])
    page = client.get(CODES).content.decode()
    assert "9 oanvända reservkoder" in page
    assert not any(code in page for code in codes[1:])


def test_a_code_logs_in_instead_of_the_app_and_works_once(frida):
    user, codes = frida
    client = logged_in_with(codes[3].upper()[:4] + " " + codes[3][4:])  # as typed from paper
    assert client.get(reverse("partnerships:overview")).status_code == 200
    assert SecurityEvent.objects.filter(kind="recovery_code_used", subject=user).count() == 1
    assert "9 reservkoder kvar" in client.get(reverse("accounts:account")).content.decode()

    again = logged_in_with(codes[3])
    refused = again.post(VERIFY, {"token": codes[3]})
    assert "fel eller har redan använts" in refused.content.decode()
    assert again.get(reverse("partnerships:overview")).url.startswith(VERIFY)
    assert StaticToken.objects.filter(device__user=user).count() == 9


def test_a_wrong_code_does_not_log_in(frida):
    client = logged_in_with("abcdefgh")
    assert client.get(reverse("partnerships:overview")).url.startswith(VERIFY)


def test_new_codes_replace_the_old(frida):
    user, old = frida
    client = logged_in_with(old[0])
    response = client.post(CODES)
    assert response.status_code == 302
    new = codes_in(client.get(response.url))
    assert len(new) == 10 and not set(new) & set(old)
    assert logged_in_with(old[1]).get(reverse("partnerships:overview")).url.startswith(VERIFY)
    assert logged_in_with(new[0]).get(reverse("partnerships:overview")).status_code == 200
    assert SecurityEvent.objects.filter(kind="recovery_codes", subject=user).count() == 2


def test_a_user_who_has_not_passed_the_second_factor_cannot_make_codes(frida):
    client = Client()
    post_login(client, "frida", PASSWORD)
    response = client.post(CODES)
    assert response.status_code == 302 and response.url.startswith(VERIFY)
    assert StaticToken.objects.filter(device__user=frida[0]).count() == 10


def test_an_administrator_resets_another_users_second_factor(client, administrator, frida):
    user, codes = frida
    client.force_login(administrator)
    url = reverse("accounts:second_factor_reset", args=[user.pk])
    confirm = client.get(url)
    assert (
        confirm.status_code == 200 and "Återställ tvåstegsverifieringen för frida" in confirm.content.decode()
    )
    assert TOTPDevice.objects.filter(user=user).exists()  # a GET changes nothing

    response = client.post(url)
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert not StaticToken.objects.filter(device__user=user).exists()
    event = SecurityEvent.objects.get(kind="second_factor_reset")
    assert (event.by, event.subject) == (administrator, user)
    # at the next login she must set up a new app; old codes do not work
    fresh = Client()
    post_login(fresh, "frida", PASSWORD)
    assert fresh.get(reverse("partnerships:overview")).url.startswith(reverse("accounts:otp_setup"))
    assert fresh.post(VERIFY, {"token": codes[0]}).status_code == 200
    assert fresh.get(reverse("partnerships:overview")).url.startswith(reverse("accounts:otp_setup"))


def test_the_admins_user_page_links_to_the_reset(client, administrator, official):
    administrator.is_superuser = True
    administrator.save()
    client.force_login(administrator)
    page = client.get(reverse("admin:auth_user_change", args=[official.pk])).content.decode()
    assert reverse("accounts:second_factor_reset", args=[official.pk]) in page


@pytest.mark.parametrize("role", ["official", "coordinator", "secretary", "partner_user"])
def test_other_roles_cannot_reset(client, request, role, frida):
    client.force_login(request.getfixturevalue(role))
    assert client.post(reverse("accounts:second_factor_reset", args=[frida[0].pk])).status_code == 403
    assert TOTPDevice.objects.filter(user=frida[0]).exists()


def test_an_administrator_cannot_reset_their_own(client, administrator):
    client.force_login(administrator)
    assert client.post(reverse("accounts:second_factor_reset", args=[administrator.pk])).status_code == 403
    assert TOTPDevice.objects.filter(user=administrator).exists()
