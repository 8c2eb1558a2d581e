"""With REDIS_URL, django-redis is the cache and the login lockout counts there, so every
application server sees it. Against the Redis server at 127.0.0.1:6379 (database 5)."""

from __future__ import annotations

import pytest
import redis
from axes.handlers.proxy import AxesProxyHandler
from axes.models import AccessAttempt
from django.core.cache import caches
from django.test import Client

from conftest import PASSWORD
from operations.conf import redis_cache

LOGIN = "/login/"


@pytest.fixture
def redis_settings(redis_url, settings):
    settings.CACHES = redis_cache(redis_url)
    settings.AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"
    AxesProxyHandler.get_implementation(force=True)
    yield redis.Redis.from_url(redis_url)
    settings.AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
    AxesProxyHandler.implementation = None


def test_the_cache_is_redis(redis_settings):
    caches["default"].set("probe", "värde", 30)
    assert redis_settings.keys("*") == [b"iop:1:probe"]  # KEY_PREFIX:version:key
    assert caches["default"].get("probe") == "värde"


def test_a_lockout_lives_in_redis_and_holds_for_a_new_client(official, redis_settings, settings):
    settings.AXES_FAILURE_LIMIT = 3
    first = Client(REMOTE_ADDR="10.0.0.7")
    statuses = [first.post(LOGIN, {"username": "alice", "password": "wrong"}).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    assert not AccessAttempt.objects.exists()  # counted in the cache, not the database
    assert redis_settings.dbsize() > 0
    # Another client (as another application server would see it) from the same address.
    other = Client(REMOTE_ADDR="10.0.0.7")
    assert other.post(LOGIN, {"username": "alice", "password": PASSWORD}).status_code == 429
    # Emptying Redis ends the lockout: it really lived there.
    redis_settings.flushdb()
    assert other.post(LOGIN, {"username": "alice", "password": PASSWORD}).status_code == 302
