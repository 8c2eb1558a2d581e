"""The agreement page's body from the cache (issue 22, core/pagecache.py): a warm request makes
fewer queries, an edit anywhere shows at once, the CSRF token is this request's and the
buttons are the viewer's own."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from core import pagecache
from participants.tests.factories import AgreementFactory

# A warm request: session, user, roles and permissions, the agreement's name (its visibility)
# and the data version. Before the cache the page made 30+ (schedule, parties, history, ...).
WARM_QUERIES = 5
# Whoever sees the partners' contacts (an official here) is logged as shown them on every request,
# from the cache too (issue 26): the contacts' ids and the log row.
CONTACT_QUERIES = 2


def count(client: Client, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries.captured_queries), response.content.decode()


def test_a_warm_request_makes_a_handful_of_queries(client, official, seed):
    url = seed["ikf2023"].get_absolute_url()
    client.force_login(official)
    client.get("/")  # the first request after login refreshes the session once
    cold, cold_html = count(client, url)
    warm, warm_html = count(client, url)
    assert warm == WARM_QUERIES + CONTACT_QUERIES < cold, (warm, cold)
    assert _without_tokens(warm_html) == _without_tokens(cold_html)


def test_an_edit_shows_at_once(client, official, seed):
    agreement = seed["ikf2023"]
    url = agreement.get_absolute_url()
    client.force_login(official)
    client.get(url)
    agreement.purpose = "Ett nytt syfte"
    agreement.save()
    assert "Ett nytt syfte" in client.get(url).content.decode()
    partner = agreement.parties.get().partner  # a row the page shows, not the agreement's own
    partner.name = "Omdöpt förening"
    partner.save()
    assert "Omdöpt förening" in client.get(url).content.decode()


def test_the_forms_carry_this_requests_csrf_token(official, seed):
    agreement = seed["ikf2023"]
    url = agreement.get_absolute_url()
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    for browser in (first, second):
        browser.force_login(official)
        browser.get("/")
    first.get(url)  # fills the cache with the body
    html = second.get(url).content.decode()
    assert pagecache.csrf_placeholder() not in html
    token = second.cookies["csrftoken"].value
    assert 'name="csrfmiddlewaretoken"' in html
    posted = second.post(f"/agreements/{agreement.pk}/attachments/", {"csrfmiddlewaretoken": _token_in(html)})
    assert posted.status_code != 403, "the cached form's token was refused"
    assert token


def _without_tokens(html: str) -> str:
    """CSRF tokens are masked afresh on every response."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def _token_in(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def test_each_viewer_gets_their_own_buttons(client, official, coordinator, seed):
    """Same agreement, same URL, same data: the official's cached body (with "Edit") never
    reaches the coordinator, who may not edit."""
    url = seed["ikf2023"].get_absolute_url()
    edit = f'href="/agreements/{seed["ikf2023"].pk}/edit/"'
    client.force_login(official)
    assert edit in client.get(url).content.decode()
    other = Client()
    other.force_login(coordinator)
    assert edit not in other.get(url).content.decode()


@pytest.mark.committee_isolation
def test_another_committees_user_gets_a_404_not_the_cached_body(client, django_user_model):
    from accounts import roles
    from accounts.models import CommitteeMembership
    from conftest import make_user
    from participants.tests.factories import CommitteeFactory

    ours = AgreementFactory(committee=CommitteeFactory(abbreviation="AN"), purpose="Vår aktivitet")
    theirs = CommitteeFactory(abbreviation="SN", name="Socialnämnden")
    alice = make_user(django_user_model, "alice", roles.OFFICIAL)
    olga = make_user(django_user_model, "olga", roles.OFFICIAL)
    CommitteeMembership.objects.create(user=alice, committee=ours.committee)
    CommitteeMembership.objects.create(user=olga, committee=theirs)
    client.force_login(alice)
    assert "Vår aktivitet" in client.get(ours.get_absolute_url()).content.decode()
    other = Client()
    other.force_login(olga)
    assert other.get(ours.get_absolute_url()).status_code == 404
