"""The API's reads answer a conditional GET (issue 22, api/caching.py): an ETag per data version,
caller and URL, 304 on If-None-Match, a new ETag and the new data at once after an edit, and
never one caller's ETag honoured for another."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from accounts import roles
from accounts.models import CommitteeMembership
from api.models import ApiToken
from conftest import make_user
from participants.tests.factories import AgreementFactory, CommitteeFactory, PlacementFactory
from partnerships.models import Agreement

pytestmark = pytest.mark.django_db


def urls(seed) -> list[str]:
    ikf = seed["ikf2023"].pk
    return [
        "/api/v1/agreements/",
        "/api/v1/agreements/?year=2023&page_size=2",
        f"/api/v1/agreements/{ikf}/",
        f"/api/v1/agreements/{ikf}/key-figures/?year=2023",
        "/api/v1/partners/",
        "/api/v1/committees/",
        "/api/v1/follow-ups/",
        "/api/v1/forecast/",
        "/api/v1/key-figures/?year=2023",
    ]


def test_every_read_answers_304_to_its_own_etag(api, tokens, seed):
    client = api(tokens["official"])
    for url in urls(seed):
        first = client.get(url)
        assert first.status_code == 200, url
        assert set(first["Cache-Control"].split(", ")) == {"private", "no-cache"}, url
        assert "Authorization" in first["Vary"]
        again = client.get(url, headers={"if-none-match": first["ETag"]})
        assert (again.status_code, again.content, again["ETag"]) == (304, b"", first["ETag"]), url


def test_each_url_has_its_own_etag(api, tokens, seed):
    client = api(tokens["official"])
    etags = {client.get(url)["ETag"] for url in urls(seed)}
    assert len(etags) == len(urls(seed))


def test_a_304_costs_a_few_queries_whatever_the_page(api, tokens, seed, django_assert_max_num_queries):
    client = api(tokens["official"])
    url = "/api/v1/agreements/?page_size=200"
    etag = client.get(url)["ETag"]
    # the token, roles and permissions, committees, the data version
    with django_assert_max_num_queries(4):
        assert client.get(url, headers={"if-none-match": etag}).status_code == 304


def test_an_edit_through_the_orm_changes_the_etag_and_shows_at_once(api, tokens, seed):
    client = api(tokens["official"])
    url = f"/api/v1/agreements/{seed['hoppfull'].pk}/"
    before = client.get(url)
    hoppfull = Agreement.objects.get(pk=seed["hoppfull"].pk)
    hoppfull.purpose = "Ett nytt syfte"
    hoppfull.save()
    after = client.get(url, headers={"if-none-match": before["ETag"]})
    assert after.status_code == 200 and after["ETag"] != before["ETag"]
    assert after.json()["purpose"] == "Ett nytt syfte"


def test_a_new_placement_changes_the_key_figures_etag(api, tokens, seed):
    client = api(tokens["official"])
    url = f"/api/v1/agreements/{seed['ikf2023'].pk}/?year=2023"
    before = client.get(url)
    PlacementFactory(agreement=seed["ikf2023"], start=date(2023, 3, 1))
    after = client.get(url, headers={"if-none-match": before["ETag"]})
    assert after.status_code == 200
    assert after.json()["occupancy"] != before.json()["occupancy"]


def test_an_edit_through_a_page_shows_at_once(client, api, tokens, seed, official):
    api_client = api(tokens["official"])
    partner = seed["hoppfull"].parties.get().partner
    url = f"/api/v1/partners/{partner.pk}/"
    before = api_client.get(url)
    client.force_login(official)
    response = client.post(
        reverse("partnerships:partner_edit", args=[partner.pk]),
        {"name": "Framtidsföreningen Nytt Namn", "kind": partner.kind, "seen_version": partner.version},
    )
    assert response.status_code == 302
    after = api_client.get(url, headers={"if-none-match": before["ETag"]})
    assert after.status_code == 200 and after.json()["name"] == "Framtidsföreningen Nytt Namn"


@pytest.mark.committee_isolation
def test_callers_in_different_committees_never_get_each_others_etag(api, official, secretary):
    an = CommitteeFactory()
    sn = CommitteeFactory(name="Socialnämnden", abbreviation="SN", administration="Socialförvaltningen")
    CommitteeMembership.objects.create(user=official, committee=an)
    CommitteeMembership.objects.create(user=secretary, committee=sn)
    for committee in (an, sn):
        agreement = AgreementFactory(
            committee=committee, valid_from=date(2023, 1, 1), valid_to=date(2024, 12, 31)
        )
        Agreement.objects.filter(pk=agreement.pk).update(stage=Agreement.Stage.DECIDED)
    ours, theirs = (
        api(ApiToken.issue(user=official, name="t")[1]),
        api(ApiToken.issue(user=secretary, name="t")[1]),
    )
    for url in ("/api/v1/agreements/", "/api/v1/committees/", "/api/v1/forecast/"):
        mine = ours.get(url)
        other = theirs.get(url, headers={"if-none-match": mine["ETag"]})
        assert other.status_code == 200 and other["ETag"] != mine["ETag"], url
        assert other.json() != mine.json(), url


def test_the_same_role_and_committee_still_do_not_share_an_etag(api, tokens, seed, django_user_model):
    """An ETag is one caller's: a colleague with the same access gets their own."""
    colleague = make_user(django_user_model, "alva", roles.OFFICIAL)  # in the same first committee
    mine = api(tokens["official"]).get("/api/v1/agreements/")
    theirs = api(ApiToken.issue(user=colleague, name="t")[1]).get(
        "/api/v1/agreements/", headers={"if-none-match": mine["ETag"]}
    )
    assert theirs.status_code == 200 and theirs.json() == mine.json() and theirs["ETag"] != mine["ETag"]


def test_a_401_and_a_403_stay_so_with_any_etag(api, tokens, seed):
    etag = api(tokens["official"]).get("/api/v1/forecast/")["ETag"]
    assert api(None).get("/api/v1/forecast/", headers={"if-none-match": etag}).status_code == 401
    assert api(tokens["partner"]).get("/api/v1/forecast/", headers={"if-none-match": etag}).status_code == 403


def test_a_partner_token_gets_its_own_etag(api, tokens, seed):
    official = api(tokens["official"]).get("/api/v1/agreements/")
    partner = api(tokens["partner"]).get("/api/v1/agreements/", headers={"if-none-match": official["ETag"]})
    assert partner.status_code == 200 and partner["ETag"] != official["ETag"]


def test_a_token_request_makes_no_session(api, tokens, seed):
    """Before, the session lifetime rule set its start on the token's user after the view: a new
    session row and cookie on every API request, and three queries more on a 304."""
    from django.contrib.sessions.models import Session

    response = api(tokens["official"]).get("/api/v1/partners/")
    assert response.status_code == 200 and "sessionid" not in response.cookies
    assert not Session.objects.exists()


def test_a_recorded_outcome_changes_the_key_figures_etag(api, tokens, seed):
    """The key figures count outcomes after the activity (issue 24): recording one is a change."""
    from participants.models import PlacementOutcome

    placement = PlacementFactory(
        agreement=seed["ikf2023"],
        start=date(2023, 3, 1),
        actual_end=date(2023, 4, 30),
        status="ended",
        end_reason="work",
    )
    client = api(tokens["official"])
    url = f"/api/v1/agreements/{seed['ikf2023'].pk}/key-figures/?year=2023"
    before = client.get(url)
    PlacementOutcome.objects.create(placement=placement, months=6, situation="work")
    after = client.get(url, headers={"if-none-match": before["ETag"]})
    assert after.status_code == 200
    assert after.json()["by_gender"][0]["followed_up_6"] != before.json()["by_gender"][0]["followed_up_6"]


def test_a_read_asked_again_comes_from_the_server_cache(api, tokens, seed, django_assert_max_num_queries):
    client = api(tokens["official"])
    url = "/api/v1/agreements/?page_size=200"
    first = client.get(url)
    # the token, roles and permissions, committees, the data version: nothing computed again
    with django_assert_max_num_queries(4):
        again = client.get(url)
    assert (again.status_code, again.content, again["ETag"]) == (200, first.content, first["ETag"])


def test_the_server_cache_serves_no_other_caller(api, tokens, seed):
    official = api(tokens["official"]).get("/api/v1/agreements/").json()
    partner = api(tokens["partner"]).get("/api/v1/agreements/").json()
    assert partner != official
    assert {row["name"] for row in partner["results"]} < {row["name"] for row in official["results"]}
    assert api(tokens["official"]).get("/api/v1/agreements/").json() == official


def test_an_edit_shows_at_once_past_the_server_cache(api, tokens, seed):
    client = api(tokens["official"])
    assert "Ändrad" not in client.get("/api/v1/agreements/").content.decode()
    agreement = seed["ikf2023"]
    agreement.name = "Ändrad"
    agreement.save()
    assert "Ändrad" in client.get("/api/v1/agreements/").content.decode()
