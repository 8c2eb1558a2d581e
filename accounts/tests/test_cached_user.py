"""The logged-in user from the shared cache (issue 22, accounts/usercache.py): with sessions
through the cache as well, a warm request reads neither the session nor the user, and a change
to the user (deactivated, new password, deleted) counts on the very next request."""

from __future__ import annotations

import pytest

from .test_cached_sessions import CACHED_DB, engine_with
from .test_fixed_overhead import FIXED_QUERIES

URLS = "accounts.tests.test_cached_sessions"


@pytest.fixture
def shared_cache(settings):
    """What REDIS_URL switches on (the tests' memory cache is one process's, as Redis is one)."""
    settings.SESSION_ENGINE = CACHED_DB
    settings.CACHED_USER_SECONDS = 60


def test_the_user_is_cached_only_with_a_shared_cache():
    assert engine_with("redis://127.0.0.1:6379/15", "CACHED_USER_SECONDS") == "60"
    assert engine_with(None, "CACHED_USER_SECONDS") == "0"


@pytest.mark.urls(URLS)
def test_a_warm_request_reads_no_session_and_no_user(
    client, official, shared_cache, django_assert_num_queries
):
    client.force_login(official)
    client.get("/trivial/")  # refreshes the session once, and keeps the user
    # FIXED_QUERIES (test_fixed_overhead.py) less the session's and the user's: the roles remain
    with django_assert_num_queries(FIXED_QUERIES - 2) as queries:
        assert client.get("/trivial/").status_code == 200
    assert not [q for q in queries.captured_queries if 'FROM "auth_user"' in q["sql"]]


@pytest.mark.urls(URLS)
def test_a_deactivated_user_is_out_at_the_next_request(client, official, shared_cache):
    client.force_login(official)
    assert client.get("/trivial/").status_code == 200
    official.is_active = False
    official.save()
    response = client.get("/trivial/")
    assert response.status_code == 302 and "/login/" in response.url


@pytest.mark.urls(URLS)
def test_a_new_password_ends_the_other_sessions(client, official, shared_cache):
    client.force_login(official)
    assert client.get("/trivial/").status_code == 200
    official.set_password("ett helt nytt lösenord 42")
    official.save()
    response = client.get("/trivial/")
    assert response.status_code == 302 and "/login/" in response.url


@pytest.mark.urls(URLS)
def test_a_deleted_user_is_out_at_the_next_request(client, official, shared_cache):
    client.force_login(official)
    assert client.get("/trivial/").status_code == 200
    official.delete()
    response = client.get("/trivial/")
    assert response.status_code == 302 and "/login/" in response.url
