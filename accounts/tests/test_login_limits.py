"""Lockout per address across user names (password spraying), the Swedish lockout page with the
time to try again, and the absolute session lifetime beside the idle timeout."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.middleware import LOGIN_AT
from conftest import PASSWORD, make_user

LOGIN = reverse("login")


def post_login(client: Client, username: str, password: str, address: str = "192.0.2.10"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


@pytest.fixture
def accounts(db, django_user_model):
    return [make_user(django_user_model, f"user{n}", None).username for n in range(7)]


def test_password_spraying_from_one_address_locks_that_address(official, accounts):
    """4 wrong passwords on each of 5 accounts: no account reaches its own limit of 5, but the
    address reaches its limit of 20, and then not even a right password gets in from there."""
    client = Client()
    statuses = [
        post_login(client, username, "Sommar2026!").status_code for username in accounts[:5] for _ in "1234"
    ]
    assert settings.LOGIN_IP_FAILURE_LIMIT == 20
    assert statuses == [200] * 19 + [429]  # the 20th failure locks the address
    assert post_login(client, "alice", PASSWORD).status_code == 429
    # another address is not affected
    assert post_login(Client(), "alice", PASSWORD, address="192.0.2.99").status_code == 302


def test_below_the_address_limit_nobody_is_locked_out(official, accounts):
    client = Client()
    for username in accounts[:5]:
        for _ in range(4 if username != accounts[4] else 3):
            post_login(client, username, "Sommar2026!")
    assert post_login(client, "alice", PASSWORD).status_code == 302


def test_the_per_user_count_still_locks_after_five(official):
    client = Client()
    for _ in range(4):
        assert post_login(client, "alice", "wrong").status_code == 200
    assert post_login(client, "alice", "wrong").status_code == 429
    assert post_login(client, "alice", PASSWORD).status_code == 429


def test_a_right_password_does_not_wipe_the_address_count_of_other_accounts(official, accounts):
    client = Client()
    for username in accounts[:4]:
        for _ in range(4):
            post_login(client, username, "Sommar2026!")
    for _ in range(3):
        post_login(client, accounts[4], "Sommar2026!")  # 19 failures from the address
    assert post_login(Client(), "alice", PASSWORD).status_code == 302  # alice's own success
    post_login(client, accounts[5], "Sommar2026!")  # the 20th
    assert post_login(Client(), accounts[6], PASSWORD).status_code == 429


def test_the_lockout_page_says_in_swedish_when_to_try_again(official):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        post_login(client, "alice", "wrong")
    locked = post_login(client, "alice", "wrong")
    assert locked.status_code == 429
    latest = AccessAttempt.objects.latest("attempt_time").attempt_time
    until = timezone.localtime(latest + settings.AXES_COOLOFF_TIME)
    page = locked.content.decode()
    assert f"Försök igen kl. {until:%H:%M} (om 15 minuter)" in page, page


def test_a_session_ends_after_the_absolute_lifetime_however_active(client, official):
    client.force_login(official)
    assert settings.SESSION_MAX_HOURS == 10
    overview = reverse("partnerships:overview")
    assert client.get(overview).status_code == 200
    session = client.session
    session[LOGIN_AT] = int(time.time() - timedelta(hours=9, minutes=59).total_seconds())
    session.save()
    assert client.get(overview).status_code == 200  # active and under 10 hours: still in
    session = client.session
    session[LOGIN_AT] = int(time.time() - timedelta(hours=10, seconds=5).total_seconds())
    session.save()
    response = client.get(overview)
    assert response.status_code == 302 and response.url.startswith(LOGIN)
    assert client.get(overview).status_code == 302  # logged out, not just redirected once


def test_a_new_login_starts_the_lifetime_again(official):
    client = Client()
    post_login(client, "alice", PASSWORD)
    started = client.session[LOGIN_AT]
    assert abs(started - time.time()) < 60
