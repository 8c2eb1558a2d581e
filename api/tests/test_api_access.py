"""The API reaches what the pages reach, per role, and only with a token."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from api.models import ApiToken, hash_token
from participants.tests.factories import PlacementFactory
from partnerships.guidelines import KS2016_313_CRITERIA
from partnerships.models import Agreement
from reports.models import FollowUp

pytestmark = pytest.mark.django_db

ENDPOINTS = [
    "/api/v1/agreements/",
    "/api/v1/partners/",
    "/api/v1/committees/",
    "/api/v1/follow-ups/",
    "/api/v1/forecast/",
    "/api/v1/key-figures/?year=2023",
]


@pytest.mark.parametrize("url", ENDPOINTS)
def test_no_token_or_a_session_reaches_nothing(client, api, tokens, official, url):
    assert api(None).get(url).status_code == 401
    assert api("iop_not-a-token").get(url).status_code == 401
    client.force_login(official)  # a browser's login is no API login
    assert client.get(url).status_code == 401


def test_a_revoked_token_reaches_nothing_and_use_is_recorded(api, tokens):
    token = ApiToken.objects.get(key_hash=hash_token(tokens["official"]))
    assert token.last_used_at is None
    assert api(tokens["official"]).get("/api/v1/agreements/").status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None
    token.revoke()
    assert api(tokens["official"]).get("/api/v1/agreements/").status_code == 401


def test_tokens_are_stored_hashed(tokens):
    raw = tokens["partner"]
    assert not ApiToken.objects.filter(key_hash=raw).exists()
    assert ApiToken.objects.filter(key_hash=hash_token(raw), shown_prefix=raw[:10]).exists()


def names(response) -> set[str]:
    return {row.get("name") or row.get("agreement_name") for row in response.json()["results"]}


def test_a_partner_token_sees_its_own_organisation_only(api, tokens, seed):
    partner = api(tokens["partner"])
    agreements = partner.get("/api/v1/agreements/")
    assert agreements.status_code == 200
    own = seed["ikf2023"].parties.get().partner
    ids = {row["id"] for row in agreements.json()["results"]}
    assert seed["ikf2023"].pk in ids and seed["hoppfull"].pk not in ids
    assert ids == set(Agreement.objects.decided().filter(parties__partner=own).values_list("pk", flat=True))
    assert partner.get(f"/api/v1/agreements/{seed['hoppfull'].pk}/").status_code == 404
    assert len(partner.get("/api/v1/partners/").json()["results"]) == 1
    assert partner.get(f"/api/v1/partners/{seed['hoppfull'].parties.get().partner_id}/").status_code == 404
    FollowUp.objects.create(agreement=seed["hoppfull"], year=2023, summary="Annans.")
    assert partner.get("/api/v1/follow-ups/").json()["count"] == 0
    # the aggregates are the municipality's, as their pages are
    assert partner.get("/api/v1/forecast/").status_code == 403
    assert partner.get("/api/v1/key-figures/?year=2023").status_code == 403


@pytest.mark.parametrize("role", ["official", "coordinator", "secretary", "administrator"])
def test_municipal_tokens_see_every_committee(api, tokens, seed, role):
    client = api(tokens[role])
    response = client.get("/api/v1/agreements/?page_size=100")
    assert response.status_code == 200
    assert response.json()["count"] >= 6
    assert client.get("/api/v1/forecast/").status_code == 200
    assert client.get("/api/v1/key-figures/?year=2023").status_code == 200


def test_agreement_amounts_for_a_year_and_filters(api, tokens, seed):
    client = api(tokens["official"])
    ikf = seed["ikf2023"]
    row = client.get(f"/api/v1/agreements/{ikf.pk}/?year=2024").json()
    assert row["amounts"] == {
        "year": 2024,
        "value": 918000,
        "committee_cost": 459000,
        "partner_contribution": 459000,
    }
    assert row["parties"][0]["role"] == "lead"
    assert row["occupancy"]["year"] == 2024
    # Each answer is labelled with its criterion in the agreement's own guideline (KS2016-313).
    labels = {c["criterion"]: c["label"] for c in row["criteria"]}
    assert labels[1] == KS2016_313_CRITERIA[0] and labels[8] == KS2016_313_CRITERIA[7]
    assert client.get(f"/api/v1/agreements/{ikf.pk}/?year=2030").json()["amounts"] is None
    assert client.get("/api/v1/agreements/?year=1999").status_code == 400
    in_2022 = client.get("/api/v1/agreements/?valid_in=2022&page_size=100").json()
    assert ikf.pk not in {r["id"] for r in in_2022["results"]}
    by_committee = client.get(f"/api/v1/agreements/?committee={ikf.committee_id}").json()
    assert by_committee["count"] >= 1
    assert client.get("/api/v1/agreements/?status=draft").json()["count"] == 0


def test_forecast_matches_the_page(api, tokens, seed):
    committees = api(tokens["secretary"]).get("/api/v1/forecast/").json()
    totals = committees[0]["totals"]
    assert totals["2023"] == 3595000
    assert totals["2024"] >= 459000


def test_key_figures_are_suppressed_for_those_who_see_aggregates_only(api, tokens, seed):
    ikf = seed["ikf2023"]
    for _ in range(2):
        PlacementFactory(agreement=ikf, start=date(2023, 2, 1))
    masked = api(tokens["official"]).get(f"/api/v1/agreements/{ikf.pk}/key-figures/?year=2023").json()
    shown = api(tokens["coordinator"]).get(f"/api/v1/agreements/{ikf.pk}/key-figures/?year=2023").json()
    masked_counts = {row["enrolled"] for row in masked["by_gender"]}
    shown_counts = {row["enrolled"] for row in shown["by_gender"]}
    assert "<5" in masked_counts and "<5" not in shown_counts
    committees = api(tokens["official"]).get("/api/v1/key-figures/?year=2023").json()
    assert all(
        row["enrolled"] in (0, "<5", "..") or row["enrolled"] >= 5
        for c in committees
        for row in c["by_gender"]
    )


def test_no_personal_data_about_participants(api, tokens, seed):
    placement = PlacementFactory(agreement=seed["ikf2023"], start=date(2023, 2, 1))
    person = placement.participant
    for role in tokens:
        for url in ENDPOINTS + [f"/api/v1/agreements/{seed['ikf2023'].pk}/key-figures/"]:
            body = api(tokens[role]).get(url).content.decode()
            assert person.last_name not in body and person.personnummer[-4:] not in body, (role, url)


def test_a_partner_submits_its_follow_up_as_in_the_portal(api, tokens, seed):
    ikf = seed["ikf2023"]
    partner = api(tokens["partner"])
    draft = partner.post(
        "/api/v1/follow-ups/", {"agreement": ikf.pk, "year": 2023, "summary": ""}, format="json"
    )
    assert draft.status_code == 201, draft.content
    assert draft.json()["status"] == "draft"
    refused = partner.post(
        "/api/v1/follow-ups/", {"agreement": ikf.pk, "year": 2023, "submit": True}, format="json"
    )
    assert refused.status_code == 400  # a summary first, as in the portal
    done = partner.post(
        "/api/v1/follow-ups/",
        {"agreement": ikf.pk, "year": 2023, "summary": "Bra år.", "submit": True},
        format="json",
    )
    assert done.status_code == 200, done.content
    assert FollowUp.objects.get(agreement=ikf, year=2023).status == FollowUp.Status.SUBMITTED
    again = partner.post(
        "/api/v1/follow-ups/", {"agreement": ikf.pk, "year": 2023, "summary": "Ändrat."}, format="json"
    )
    assert again.status_code == 400
    other = partner.post(
        "/api/v1/follow-ups/", {"agreement": seed["hoppfull"].pk, "year": 2023}, format="json"
    )
    assert other.status_code == 404
    official = api(tokens["official"]).post(
        "/api/v1/follow-ups/", {"agreement": ikf.pk, "year": 2023}, format="json"
    )
    assert official.status_code == 403


def test_the_account_page_makes_shows_once_and_revokes_a_token(client, official):
    client.force_login(official)
    response = client.post(reverse("api:token_create"), {"name": "Ekonomisystemet"}, follow=True)
    raw = response.context["new_token"] if "new_token" in response.context else None
    page = response.content.decode()
    token = ApiToken.objects.get(user=official)
    assert 'id="new-api-token"' in page
    start = page.index('id="new-api-token"')
    raw = page[start:].split(">", 1)[1].split("<", 1)[0]
    assert hash_token(raw) == token.key_hash
    assert raw not in client.get(reverse("accounts:account")).content.decode()  # shown once
    client.post(reverse("api:token_revoke", args=[token.pk]))
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_nobody_revokes_another_users_token(client, official, secretary):
    token, _raw = ApiToken.issue(user=secretary, name="x")
    client.force_login(official)
    assert client.post(reverse("api:token_revoke", args=[token.pk])).status_code == 404


def test_the_docs_are_served_from_our_own_static_files(client):
    page = client.get("/api/docs/").content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower()
    schema = client.get("/api/schema/?format=json").json()
    assert schema["openapi"].startswith("3.") and "/api/v1/agreements/" in schema["paths"]


@pytest.mark.committee_isolation
def test_a_municipal_token_reaches_its_own_committees_only(api, official, secretary):
    """Per-committee access (issue 13) holds through the API as on the pages: another committee's
    agreement, follow-up, committee, forecast and key figures are absent from the lists and 404."""
    from accounts.models import CommitteeMembership
    from participants.tests.factories import AgreementFactory, CommitteeFactory

    an = CommitteeFactory()
    sn = CommitteeFactory(name="Socialnämnden", abbreviation="SN", administration="Socialförvaltningen")
    for user in (official, secretary):
        CommitteeMembership.objects.create(user=user, committee=an)
    ours = AgreementFactory(committee=an, valid_from=date(2023, 1, 1), valid_to=date(2024, 12, 31))
    theirs = AgreementFactory(committee=sn, valid_from=date(2023, 1, 1), valid_to=date(2024, 12, 31))
    Agreement.objects.filter(pk__in=[ours.pk, theirs.pk]).update(stage=Agreement.Stage.DECIDED)
    their_follow_up = FollowUp.objects.create(agreement=theirs, year=2023, summary="Theirs.")
    FollowUp.objects.create(agreement=ours, year=2023, summary="Ours.")
    for user in (official, secretary):
        client = api(ApiToken.issue(user=user, name="t")[1])
        agreements = client.get("/api/v1/agreements/?page_size=100").json()["results"]
        assert {row["id"] for row in agreements} == {ours.pk}
        assert client.get(f"/api/v1/agreements/{theirs.pk}/").status_code == 404
        assert client.get(f"/api/v1/agreements/{theirs.pk}/key-figures/").status_code == 404
        follow_ups = client.get("/api/v1/follow-ups/?page_size=100").json()["results"]
        assert their_follow_up.pk not in {row["id"] for row in follow_ups} and follow_ups
        assert client.get(f"/api/v1/follow-ups/{their_follow_up.pk}/").status_code == 404
        assert client.get(f"/api/v1/committees/{sn.pk}/").status_code == 404
        assert [row["committee"] for row in client.get("/api/v1/forecast/").json()] == [an.pk]
        key_figures = client.get("/api/v1/key-figures/?year=2023").json()
        assert [row["committee"] for row in key_figures] == [an.pk]


def test_lists_come_in_pages_of_a_chosen_size_up_to_200(api, tokens, seed):
    client = api(tokens["official"])
    total = client.get("/api/v1/agreements/").json()["count"]
    assert total >= 3
    first = client.get("/api/v1/agreements/?page_size=2").json()
    assert len(first["results"]) == 2 and first["next"] and first["count"] == total
    second = client.get(first["next"]).json()
    assert not {r["id"] for r in first["results"]} & {r["id"] for r in second["results"]}
    assert client.get("/api/v1/agreements/?page_size=100000").status_code == 200  # capped, not refused


def test_a_path_under_the_api_that_matches_nothing_is_a_json_404(api, tokens):
    """Found by schemathesis once errors were documented: /api/v1/agreements/abc/ matches no route
    and answered the site's HTML page; the API answers JSON, as its schema says."""
    response = api(tokens["official"]).get("/api/v1/agreements/abc/")
    assert response.status_code == 404 and response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Hittades inte."}


def test_the_schema_documents_the_error_answers(client):
    schema = client.get("/api/schema/?format=json").json()
    responses = schema["paths"]["/api/v1/agreements/{id}/"]["get"]["responses"]
    assert {"200", "400", "401", "403", "404"} <= set(responses)
