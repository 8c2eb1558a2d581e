"""Redis stopped: the cache fails open (operations/cache.py). Pages that read the cache answer
from the database, and each failed cache call logs one WARNING line without a traceback
(issue 21, row 4). The Redis here is a real Redis URL at a port nobody listens on."""

from __future__ import annotations

import logging

import pytest
from django.core import mail
from django.urls import reverse

from operations.conf import redis_cache

from .conftest import free_port

OVERVIEW = "/agreements/"


@pytest.fixture
def redis_down(settings, caplog):
    """The cache is django-redis at 127.0.0.1:<a free port>: every call is refused."""
    settings.CACHES = redis_cache(f"redis://127.0.0.1:{free_port()}/12")
    caplog.set_level(logging.WARNING)
    return caplog


def cache_warnings(caplog) -> list[logging.LogRecord]:
    return [record for record in caplog.records if record.name == "operations.cache"]


def test_the_overview_answers_with_redis_down_and_says_so_in_the_log(client, official, seed, redis_down):
    client.force_login(official)
    response = client.get(OVERVIEW, {"year": 2022})
    assert response.status_code == 200
    assert "Hoppfull framtid" in response.content.decode()
    warnings = cache_warnings(redis_down)
    assert warnings, "a failed cache call logs a warning"
    assert {record.levelno for record in warnings} == {logging.WARNING}
    assert all(record.exc_info is None for record in warnings)  # one line, no traceback
    assert "Connection refused" in warnings[0].getMessage()


def test_the_public_page_answers_with_redis_down(client, seed, redis_down):
    assert client.get("/offentligt/", {"year": 2022}).status_code == 200
    assert cache_warnings(redis_down)


def test_a_password_reset_is_sent_uncounted_with_redis_down(official, client, redis_down):
    official.email = "alice@example.org"
    official.save()
    response = client.post(reverse("accounts:password_reset"), {"email": "alice@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert any(
        "rate limit not enforced" in record.getMessage() and record.levelno == logging.WARNING
        for record in redis_down.records
    )
