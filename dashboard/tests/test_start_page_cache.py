"""The start page's panels from the cache (issue 22, core/pagecache.py): fewer queries when
warm, an edit shows at once, a user never gets another committee's panel, and the coordinator's
view of participants is logged on every request, cached or not."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts import roles
from accounts.models import CommitteeMembership
from audit.models import AccessLogEntry
from conftest import make_user
from participants.tests.factories import AgreementFactory, CommitteeFactory, PlacementFactory

# A warm official's page: session, user, roles and permissions, the data version. Built, it
# makes 12 or so (agreements ending, follow-ups due, overdue, submitted, old drafts, decisions).
WARM_QUERIES = 4


def ending_soon(name: str, committee=None):
    today = timezone.localdate()
    extra = {"committee": committee} if committee else {}
    return AgreementFactory(
        name=name, valid_from=today - timedelta(days=300), valid_to=today + timedelta(days=60), **extra
    )


def queries_of(client: Client) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/")
    assert response.status_code == 200
    return len(queries.captured_queries), response.content.decode()


def test_a_warm_start_page_makes_fewer_queries(client, official):
    ending_soon("Snart slut")
    client.force_login(official)
    client.get("/account/")  # the first request after login refreshes the session once
    cold, page = queries_of(client)
    warm, again = queries_of(client)
    assert "Snart slut" in page and "Snart slut" in again
    assert warm == WARM_QUERIES < cold, (warm, cold)


def test_an_edit_shows_at_once(client, official):
    agreement = ending_soon("Före ändringen")
    client.force_login(official)
    assert "Före ändringen" in client.get("/").content.decode()
    agreement.name = "Efter ändringen"
    agreement.save()
    page = client.get("/").content.decode()
    assert "Efter ändringen" in page and "Före ändringen" not in page


@pytest.mark.committee_isolation
def test_users_in_different_committees_never_share_a_panel(django_user_model):
    an = CommitteeFactory(abbreviation="AN")
    sn = CommitteeFactory(abbreviation="SN", name="Socialnämnden")
    ending_soon("Arbetsmarknadens aktivitet", an)
    ending_soon("Socialtjänstens aktivitet", sn)
    pages = {}
    for username, committee in (("alice", an), ("olga", sn)):
        user = make_user(django_user_model, username, roles.OFFICIAL)
        CommitteeMembership.objects.create(user=user, committee=committee)
        browser = Client()
        browser.force_login(user)
        pages[username] = [browser.get("/").content.decode() for _ in range(2)]  # cold, then warm
    for page in pages["alice"]:
        assert "Arbetsmarknadens aktivitet" in page and "Socialtjänstens aktivitet" not in page
    for page in pages["olga"]:
        assert "Socialtjänstens aktivitet" in page and "Arbetsmarknadens aktivitet" not in page


def test_a_cached_coordinator_panel_is_still_logged(client, coordinator):
    today = timezone.localdate()
    placement = PlacementFactory(agreement=ending_soon("Pågående"), start=today + timedelta(days=3))
    client.force_login(coordinator)
    for _ in range(2):
        assert placement.participant.full_name in client.get("/").content.decode()
    logged = AccessLogEntry.objects.filter(
        user=coordinator, url_name="home", participant=placement.participant
    )
    assert logged.count() == 2
