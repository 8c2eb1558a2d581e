"""Per-address limits behind the TLS proxy (issue 21, row 10): every request reaches the
application from the proxy's address, so the client is the last X-Forwarded-For entry (the one
nginx appended), trusted only when the request came from the proxy."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client, RequestFactory
from django.urls import reverse

from conftest import PASSWORD, make_user
from core.client_ip import client_ip

LOGIN = reverse("login")
RESET = reverse("accounts:password_reset")
PROXY = "127.0.0.1"  # TRUSTED_PROXIES' default, GUNICORN_FORWARDED_ALLOW_IPS' default


@pytest.fixture
def behind_proxy(settings):
    settings.BEHIND_TLS_PROXY = True
    settings.TRUSTED_PROXIES = [PROXY]
    return settings


@pytest.mark.parametrize(
    ("behind", "remote", "forwarded", "expected"),
    [
        (True, PROXY, "203.0.113.5", "203.0.113.5"),
        # a client's own X-Forwarded-For comes first; nginx appends what it saw
        (True, PROXY, "198.51.100.1, 203.0.113.5", "203.0.113.5"),
        (True, PROXY, "2001:db8::5", "2001:db8::5"),
        # the proxy's own probe (no header) or a broken entry: the proxy itself
        (True, PROXY, None, PROXY),
        (True, PROXY, "203.0.113.5, not-an-address", PROXY),
        # not from the proxy: the header is the client's own word, ignored
        (True, "192.0.2.50", "203.0.113.5", "192.0.2.50"),
        # no proxy in front: the header is never read
        (False, PROXY, "203.0.113.5", PROXY),
    ],
)
def test_the_client_address(settings, behind, remote, forwarded, expected):
    settings.BEHIND_TLS_PROXY = behind
    settings.TRUSTED_PROXIES = [PROXY]
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    assert client_ip(RequestFactory().get("/", **extra)) == expected


def test_trusted_proxies_take_networks_and_a_star(settings):
    settings.BEHIND_TLS_PROXY = True
    request = RequestFactory().get("/", REMOTE_ADDR="10.1.2.3", HTTP_X_FORWARDED_FOR="203.0.113.5")
    settings.TRUSTED_PROXIES = ["10.1.0.0/16"]
    assert client_ip(request) == "203.0.113.5"
    settings.TRUSTED_PROXIES = ["*"]
    assert client_ip(request) == "203.0.113.5"
    settings.TRUSTED_PROXIES = ["10.2.0.0/16", "proxy.example"]
    assert client_ip(request) == "10.1.2.3"


def login(client: Client, username: str, password: str, *, forwarded: str, remote: str = PROXY):
    return client.post(
        LOGIN,
        {"username": username, "password": password},
        REMOTE_ADDR=remote,
        HTTP_X_FORWARDED_FOR=forwarded,
    )


@pytest.fixture
def accounts(db, django_user_model):
    return [make_user(django_user_model, f"user{n}", None).username for n in range(5)]


def spray(client: Client, accounts: list[str], **address) -> list[int]:
    """LOGIN_IP_FAILURE_LIMIT (20) wrong passwords, 4 on each of 5 accounts."""
    assert settings.LOGIN_IP_FAILURE_LIMIT == 20
    return [login(client, name, "Sommar2026!", **address).status_code for name in accounts for _ in "1234"]


def test_one_client_behind_the_proxy_does_not_lock_out_another(behind_proxy, official, accounts):
    client = Client()
    assert spray(client, accounts, forwarded="203.0.113.5") == [200] * 19 + [429]
    assert login(Client(), "alice", PASSWORD, forwarded="203.0.113.5").status_code == 429
    # another client through the same proxy logs in
    assert login(Client(), "alice", PASSWORD, forwarded="198.51.100.7").status_code == 302


def test_a_forged_header_changes_nothing_behind_the_proxy(behind_proxy, official, accounts):
    """A client that writes a new address into X-Forwarded-For for every try is still the
    address nginx appended after it."""
    forged = iter(f"198.51.100.{n}, 203.0.113.5" for n in range(20))
    statuses = [
        login(Client(), name, "Sommar2026!", forwarded=next(forged)).status_code
        for name in accounts
        for _ in "1234"
    ]
    assert statuses == [200] * 19 + [429]
    assert login(Client(), "alice", PASSWORD, forwarded="203.0.113.5").status_code == 429


def test_a_forged_header_from_outside_the_proxy_is_ignored(behind_proxy, official, accounts):
    forged = iter(f"198.51.100.{n}" for n in range(20))
    statuses = [
        login(Client(), name, "Sommar2026!", remote="192.0.2.50", forwarded=next(forged)).status_code
        for name in accounts
        for _ in "1234"
    ]
    assert statuses == [200] * 19 + [429]
    assert (
        login(Client(), "alice", PASSWORD, remote="192.0.2.50", forwarded="198.51.100.99").status_code == 429
    )
    # the addresses it named are not locked
    assert login(Client(), "alice", PASSWORD, forwarded="198.51.100.3").status_code == 302


def reset(email: str, *, forwarded: str, remote: str = PROXY):
    return Client().post(RESET, {"email": email}, REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)


def test_the_password_reset_limit_is_per_client_behind_the_proxy(behind_proxy, official):
    behind_proxy.PASSWORD_RESET_LIMIT_PER_IP = 3
    for index in range(3):
        assert reset(f"someone{index}@example.org", forwarded="203.0.113.5").status_code == 302
    assert reset("someone9@example.org", forwarded="203.0.113.5").status_code == 429
    assert reset("someone9@example.org", forwarded="198.51.100.7").status_code == 302


def test_the_password_reset_limit_ignores_a_forged_header(behind_proxy, official):
    behind_proxy.PASSWORD_RESET_LIMIT_PER_IP = 3
    for index in range(3):
        forwarded = f"198.51.100.{index}"
        assert (
            reset(f"someone{index}@example.org", remote="192.0.2.50", forwarded=forwarded).status_code == 302
        )
    assert reset("someone9@example.org", remote="192.0.2.50", forwarded="198.51.100.77").status_code == 429
