"""The fixed cost of a logged-in page: the queries every request pays before the view's own.

A trivial view (it renders the base template with the navigation, nothing else) counts what the
middleware, the authentication and the navigation cost. Issue 10 measured ~10 (session read,
write and commit on every request, an OTP device lookup, group checks, permission queries); the
target is at most 4.

What remains (PostgreSQL and SQLite alike): the session read, the user, and one query for the
user's roles and permissions together (accounts.backends.load: the navigation's permission checks
and the partner-role check share it); a user verified with a device adds django-otp's device
load, and that is the most any logged-in page starts with: 4.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.shortcuts import render
from django.test.utils import CaptureQueriesContext
from django.urls import include, path

from iop_registry import urls as project_urls


@login_required
def trivial(request):
    return render(request, "base.html", {})


urlpatterns = [path("trivial/", trivial), path("", include(project_urls))]

FIXED_QUERIES = 3  # session, user, roles and permissions in one query
AT_MOST = 4  # issue 10's target, a verified device's lookup included


def queries_of(client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return [q["sql"] for q in queries.captured_queries]


@pytest.mark.urls(__name__)
@pytest.mark.parametrize("role", ["official", "coordinator", "secretary", "administrator"])
def test_the_fixed_queries_of_a_logged_in_page(client, role, request):
    user = request.getfixturevalue(role)
    client.force_login(user)
    client.get("/trivial/")  # the first request after login refreshes the session once
    queries = queries_of(client, "/trivial/")
    has_device = role == "administrator"  # verified with its device: django-otp loads it
    assert len(queries) <= FIXED_QUERIES + has_device <= AT_MOST, queries
    # the roles and both kinds of permission come from one statement
    assert len([sql for sql in queries if "auth_permission" in sql or "auth_group" in sql]) == 1, queries
    # no session write, no savepoint, no commit ...
    assert not [sql for sql in queries if not sql.lstrip("( ").upper().startswith("SELECT")], queries
    # ... and no second-factor lookup for a user who has no device
    assert has_device or not [sql for sql in queries if "otp_totp" in sql], queries


@pytest.mark.urls(__name__)
def test_the_session_is_refreshed_once_the_refresh_interval_has_passed(client, official, settings):
    from datetime import timedelta

    from django.contrib.sessions.models import Session
    from django.utils import timezone

    client.force_login(official)
    client.get("/trivial/")
    key = client.session.session_key
    Session.objects.filter(pk=key).update(expire_date=timezone.now() + timedelta(minutes=5))
    client.get("/trivial/")  # within the minute: not written, the end stays
    assert Session.objects.get(pk=key).expire_date < timezone.now() + timedelta(minutes=6)
    settings.SESSION_REFRESH_SECONDS = 0
    client.get("/trivial/")  # the interval has passed: written, the end moves 30 minutes on
    assert Session.objects.get(pk=key).expire_date > timezone.now() + timedelta(minutes=29)


@pytest.mark.urls(__name__)
def test_a_role_that_needs_a_second_factor_counts_from_the_next_refresh(client, official, settings):
    from django.contrib.auth.models import Group

    from accounts import roles

    client.force_login(official)
    assert client.get("/trivial/").status_code == 200
    official.groups.add(Group.objects.get(name=roles.ADMINISTRATOR))
    settings.SESSION_REFRESH_SECONDS = 0
    response = client.get("/trivial/")
    assert response.status_code == 302 and response.url.startswith("/account/otp/setup/")
