"""Logging in: lockout after repeated failures, second factor, idle timeout."""

from __future__ import annotations

from django.conf import settings
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import PASSWORD

LOGIN = reverse("login")


def post_login(client: Client, username: str, password: str):
    return client.post(LOGIN, {"username": username, "password": password})


def code_for(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def test_an_official_logs_in_with_a_password_alone(official):
    client = Client()
    assert post_login(client, "alice", PASSWORD).status_code == 302
    assert client.get(reverse("partnerships:overview")).status_code == 200


def test_wrong_passwords_lock_the_account_out(official):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = post_login(client, "alice", "wrong")
        assert response.status_code == 200 and "korrekt användarnamn" in response.content.decode()
    locked = post_login(client, "alice", "wrong")
    assert locked.status_code == 429
    assert "För många försök" in locked.content.decode()
    # the right password does not help while locked out
    assert post_login(client, "alice", PASSWORD).status_code == 429
    assert client.get(reverse("partnerships:overview")).status_code == 302


def test_an_administrator_without_an_app_must_set_one_up(django_user_model, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # a wrong code otherwise blocks the next try for a second
    from accounts import roles
    from conftest import make_user

    make_user(django_user_model, "frida", roles.ADMINISTRATOR)
    client = Client()
    post_login(client, "frida", PASSWORD)
    response = client.get(reverse("partnerships:overview"))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:otp_setup"))
    assert client.get("/admin/").url.startswith(reverse("accounts:otp_setup"))

    setup = client.get(reverse("accounts:otp_setup"))
    assert "data:image/svg+xml;base64," in setup.content.decode()
    device = TOTPDevice.objects.get(user__username="frida", confirmed=False)
    wrong = client.post(
        reverse("accounts:otp_setup"), {"token": "000000" if code_for(device) != "000000" else "111111"}
    )
    assert "Koden är fel" in wrong.content.decode()
    confirmed = client.post(
        reverse("accounts:otp_setup"), {"token": code_for(device), "next": "/agreements/"}
    )
    # on to the recovery codes, shown once, then where she was going
    assert confirmed.status_code == 302 and confirmed.url.startswith(reverse("accounts:recovery_codes"))
    codes = client.get(confirmed.url)
    assert 'href="/agreements/"' in codes.content.decode() and "visas bara nu" in codes.content.decode()
    assert client.get(reverse("partnerships:overview")).status_code == 200


def test_a_user_with_an_app_must_give_a_code_after_the_password(administrator):
    client = Client()
    post_login(client, "erik", PASSWORD)
    response = client.get(reverse("partnerships:overview"))
    assert response.url.startswith(reverse("accounts:otp_verify"))
    device = administrator.totpdevice_set.get()
    bad = client.post(reverse("accounts:otp_verify"), {"token": "12345"})
    assert "Ange de sex siffrorna" in bad.content.decode()
    good = client.post(
        reverse("accounts:otp_verify"), {"token": code_for(device), "next": "https://evil.example/"}
    )
    assert good.status_code == 302 and good.url == "/"
    assert client.get(reverse("partnerships:overview")).status_code == 200


def test_a_second_factor_is_optional_for_other_roles(official):
    client = Client()
    post_login(client, "alice", PASSWORD)
    client.get(reverse("accounts:otp_setup"))
    device = TOTPDevice.objects.get(user=official)
    client.post(reverse("accounts:otp_setup"), {"token": code_for(device)})
    assert TOTPDevice.objects.get(user=official).confirmed
    # next login asks for the code
    other = Client()
    post_login(other, "alice", PASSWORD)
    assert other.get(reverse("partnerships:overview")).url.startswith(reverse("accounts:otp_verify"))


def test_sessions_end_after_the_idle_timeout(official, settings):
    from datetime import timedelta

    from django.contrib.sessions.models import Session
    from django.utils import timezone

    client = Client()
    post_login(client, "alice", PASSWORD)
    session = Session.objects.get(session_key=client.session.session_key)
    # a request moves the end 30 minutes on from now: the timeout counts idle time (at most once
    # every SESSION_REFRESH_SECONDS, see test_fixed_overhead.py; here every request)
    settings.SESSION_REFRESH_SECONDS = 0
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() + timedelta(minutes=5))
    assert client.get(reverse("partnerships:overview")).status_code == 200
    renewed = Session.objects.get(pk=session.pk).expire_date - timezone.now()
    assert timedelta(minutes=29) < renewed <= timedelta(minutes=30)
    # 30 idle minutes later the session is over
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get(reverse("partnerships:overview"))
    assert response.status_code == 302 and response.url.startswith(LOGIN)


def test_account_page(client, official):
    client.force_login(official)
    response = client.get(reverse("accounts:account"))
    assert response.status_code == 200 and "Tvåstegsverifiering" in response.content.decode()
