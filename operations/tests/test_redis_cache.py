"""With REDIS_URL, django-redis is the cache every application server shares. Against the Redis
server at 127.0.0.1:6379 (database 5)."""

from __future__ import annotations

import pytest
import redis
from axes.models import AccessAttempt
from django.core.cache import caches
from django.test import Client

from conftest import PASSWORD
from operations.conf import redis_cache

LOGIN = "/login/"


@pytest.fixture
def redis_settings(redis_url, settings):
    settings.CACHES = redis_cache(redis_url)
    return redis.Redis.from_url(redis_url)


def test_the_cache_is_redis(redis_settings):
    caches["default"].set("probe", "värde", 30)
    assert redis_settings.keys("*") == [b"iop:1:probe"]  # KEY_PREFIX:version:key
    assert caches["default"].get("probe") == "värde"


def test_a_lockout_holds_for_a_new_client_with_redis_as_the_cache(official, redis_settings, settings):
    """The lockout counts in the database (accounts/lockout.py), shared by every server; with
    Redis as the cache it still locks, and a client coming in elsewhere is locked too."""
    settings.AXES_FAILURE_LIMIT = 3
    first = Client(REMOTE_ADDR="10.0.0.7")
    statuses = [first.post(LOGIN, {"username": "alice", "password": "wrong"}).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    other = Client(REMOTE_ADDR="10.0.0.7")
    assert other.post(LOGIN, {"username": "alice", "password": PASSWORD}).status_code == 429
    AccessAttempt.objects.all().delete()
    assert other.post(LOGIN, {"username": "alice", "password": PASSWORD}).status_code == 302
