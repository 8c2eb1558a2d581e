"""/offentligt/ is cached (issue 22): ETag and Last-Modified from the data version, 304 on a
conditional GET, the rendered page kept per data version, and an edit shows at once."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.http import http_date

from core import dataversion
from partnerships.models import Agreement

URL = "/offentligt/?year=2022"


@pytest.fixture(autouse=True)
def _just_changed(seed):
    """The seed's rows are kept across the session with their history's times
    (tests/demo_data.py), so later in a long run they are older than SETTLE_SECONDS; these tests
    start, as a fresh run does, right after a change."""
    Agreement.objects.get(pk=seed["hoppfull"].pk).save()


def test_a_conditional_get_with_the_etag_answers_304(client, seed):
    first = client.get(URL)
    assert first.status_code == 200
    assert set(first["Cache-Control"].split(", ")) == {"public", "max-age=60"}
    etag = first["ETag"]
    again = client.get(URL, headers={"if-none-match": etag})
    assert again.status_code == 304 and again.content == b""
    assert client.get("/offentligt/?year=2023", headers={"if-none-match": etag}).status_code == 200


def test_a_warm_request_renders_nothing_and_reads_only_the_data_version(
    client, seed, django_assert_max_num_queries
):
    cold = client.get(URL)
    with django_assert_max_num_queries(1):
        warm = client.get(URL)
    assert warm.content == cold.content and warm.context is None  # no template rendered
    with django_assert_max_num_queries(1):
        assert client.get(URL, headers={"if-none-match": cold["ETag"]}).status_code == 304


def test_an_edit_through_the_orm_changes_the_etag_and_shows_at_once(client, seed):
    before = client.get(URL)
    hoppfull = Agreement.objects.get(pk=seed["hoppfull"].pk)
    hoppfull.name = "Hoppfull framtid II"
    hoppfull.save()
    after = client.get(URL, headers={"if-none-match": before["ETag"]})
    assert after.status_code == 200 and after["ETag"] != before["ETag"]
    assert "Hoppfull framtid II" in after.content.decode()


def test_a_deleted_agreement_leaves_at_once(client, seed):
    assert "Hoppfull framtid" in client.get(URL).content.decode()
    seed["hoppfull"].delete()
    assert "Hoppfull framtid" not in client.get(URL).content.decode()


def test_an_edit_through_the_partner_page_shows_at_once(client, seed, official):
    before = client.get(URL)
    partner = seed["hoppfull"].parties.get().partner
    assert partner.name in before.content.decode()
    client.force_login(official)
    response = client.post(
        reverse("partnerships:partner_edit", args=[partner.pk]),
        {"name": "Framtidsföreningen Nytt Namn", "kind": partner.kind, "seen_version": partner.version},
    )
    assert response.status_code == 302
    client.logout()
    after = client.get(URL, headers={"if-none-match": before["ETag"]})
    assert after.status_code == 200
    assert "Framtidsföreningen Nytt Namn" in after.content.decode()


def test_once_settled_last_modified_answers_if_modified_since(client, seed, monkeypatch):
    fresh = client.get(URL)
    assert not fresh.has_header("Last-Modified")  # a transaction may still commit under it
    monkeypatch.setattr(dataversion, "SETTLE_SECONDS", 0)
    settled = client.get(URL)
    assert settled.has_header("Last-Modified") and settled["ETag"] != fresh["ETag"]
    since = settled["Last-Modified"]
    assert client.get(URL, headers={"if-modified-since": since}).status_code == 304
    seed["hoppfull"].save()
    changed = client.get(URL, headers={"if-modified-since": http_date(0)})
    assert changed.status_code == 200


def test_a_copy_made_before_the_version_settles_is_kept_only_until_then(seed, monkeypatch):
    """A transaction that wrote before the newest change may commit after it without raising
    the newest id (core/dataversion.py): the server copy must not outlive the settling."""
    from partnerships.public import SHOWN

    version = dataversion.read(SHOWN)
    assert not version.settled
    assert 0 < version.seconds_to_settle() <= dataversion.SETTLE_SECONDS + 1


@pytest.mark.parametrize("year", ["", "?year=2023"])
def test_logged_in_and_anonymous_get_the_same_page_but_only_the_anonymous_copy_is_public(
    client, seed, official, year
):
    anonymous = client.get("/offentligt/" + year)
    client.force_login(official)
    logged_in = client.get("/offentligt/" + year)
    assert logged_in.content == anonymous.content
    assert "private" in logged_in["Cache-Control"] and "public" in anonymous["Cache-Control"]
    assert "alice" not in logged_in.content.decode() and "csrf" not in logged_in.content.decode()


def test_the_overviews_behind_it_are_kept_only_until_the_version_settles(client, seed, monkeypatch):
    """Before, each overview was kept 600 s under the newest history id, which a transaction
    committing late does not raise: a stale copy could be read for ten minutes."""
    from django.core.cache import cache

    timeouts = {}

    class Recording:
        def get(self, key):
            return cache.get(key)

        def set(self, key, value, timeout):
            timeouts[key] = timeout
            cache.set(key, value, timeout)

    monkeypatch.setattr("partnerships.overview.cache", Recording())
    monkeypatch.setattr("partnerships.public.cache", Recording())
    client.get(URL)
    overviews = [t for key, t in timeouts.items() if key.startswith("partnerships:overview:")]
    assert overviews and all(0 < t <= dataversion.SETTLE_SECONDS + 1 for t in overviews)
    assert all(0 < t <= dataversion.SETTLE_SECONDS + 1 for t in timeouts.values())
