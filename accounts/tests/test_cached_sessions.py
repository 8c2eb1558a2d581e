"""Sessions read through the cache (issue 22): with a shared cache (`REDIS_URL`) the settings
switch to `cached_db`, and a warm logged-in request reads no session row.

The tests' cache is Django's memory cache, one process, as Redis is one cache for every process;
the settings fixture switches the engine as `REDIS_URL` does. What must still hold with the
cache in front: the idle timeout, the absolute lifetime and a logout that ends the session.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import include, path, reverse

from iop_registry import urls as project_urls

from .test_fixed_overhead import FIXED_QUERIES

CACHED_DB = "django.contrib.sessions.backends.cached_db"


@login_required
def trivial(request):
    return render(request, "base.html", {})


urlpatterns = [path("trivial/", trivial), path("", include(project_urls))]


@pytest.fixture
def cached_sessions(settings):
    settings.SESSION_ENGINE = CACHED_DB


def engine_with(redis_url: str | None, name: str = "SESSION_ENGINE") -> str:
    """A setting (SESSION_ENGINE) as a fresh process reads the settings, with or without REDIS_URL."""
    env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    if redis_url:
        env["REDIS_URL"] = redis_url
    code = f"import django; django.setup(); from django.conf import settings; print(settings.{name})"
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_sessions_are_read_through_the_cache_only_when_it_is_shared():
    """A memory cache per process would keep a session another worker logged out, so only a
    shared cache (REDIS_URL) switches the engine; nothing connects to Redis at start-up."""
    assert engine_with("redis://127.0.0.1:6379/15") == CACHED_DB
    assert engine_with(None) == "django.contrib.sessions.backends.db"


@pytest.mark.urls(__name__)
def test_a_warm_request_reads_no_session_row(client, official, cached_sessions, django_assert_num_queries):
    client.force_login(official)
    client.get("/trivial/")  # the first request after login refreshes the session once
    # the database engine pays FIXED_QUERIES (test_fixed_overhead.py): the session's is gone
    with django_assert_num_queries(FIXED_QUERIES - 1) as queries:
        assert client.get("/trivial/").status_code == 200
    assert not [q for q in queries.captured_queries if "django_session" in q["sql"]]


@pytest.mark.urls(__name__)
def test_the_session_is_still_written_to_the_database(client, official, cached_sessions):
    from django.contrib.sessions.models import Session

    client.force_login(official)
    client.get("/trivial/")
    assert Session.objects.filter(pk=client.session.session_key).exists()


@pytest.mark.urls(__name__)
def test_a_logout_ends_the_cached_session(client, official, cached_sessions):
    client.force_login(official)
    assert client.get("/trivial/").status_code == 200
    cookie = client.cookies["sessionid"].value
    client.post(reverse("logout"))
    client.cookies["sessionid"] = cookie  # the stolen cookie of a logged-out session
    response = client.get("/trivial/")
    assert response.status_code == 302 and "/login/" in response.url


@pytest.mark.urls(__name__)
def test_the_idle_timeout_ends_the_cached_session(client, official, cached_sessions, settings):
    settings.SESSION_COOKIE_AGE = 1
    client.force_login(official)
    assert client.get("/trivial/").status_code == 200
    time.sleep(1.2)  # idle longer than the timeout: the cached copy ends with the row
    response = client.get("/trivial/")
    assert response.status_code == 302 and "/login/" in response.url


@pytest.mark.urls(__name__)
def test_the_absolute_lifetime_ends_the_cached_session(client, official, cached_sessions, settings):
    client.force_login(official)
    assert client.get("/trivial/").status_code == 200
    settings.SESSION_MAX_HOURS = 0
    time.sleep(1.1)  # LOGIN_AT counts whole seconds
    response = client.get("/trivial/")
    assert response.status_code == 302 and "/login/" in response.url
