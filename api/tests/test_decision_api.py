"""The API's read fields for issue 23: memos with their Dnr, the committee's decision and the
dispatch; agreements with their decisions; the overview download with the Dnr."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from participants.tests.factories import CommitteeFactory
from reports.models import CommitteeDecision, Memo


@pytest.fixture
def decided(seed, secretary) -> Memo:
    ikf = seed["ikf2023"]
    memo = Memo.objects.create(
        kind=Memo.Kind.NEW_AGREEMENT,
        title="IOP med Internationella Kvinnoföreningen",
        date=date(2022, 9, 27),
        case_number="AN 2022-123",
        committee=ikf.committee,
        agreement=ikf,
        administration="Integration- och arbetsmarknadsförvaltningen",
    )
    CommitteeDecision.objects.create(
        memo=memo,
        meeting_date=date(2022, 10, 20),
        paragraph="45",
        text="Nämnden uppdrar åt direktören att teckna.",
        delegated_signatory="integration- och arbetsmarknadsdirektören",
    )
    memo.recipients.create(
        name="Ekonomienheten",
        email="ekonomi@kommun.example",
        method="email",
        sent_at=datetime(2022, 10, 24, 9, tzinfo=ZoneInfo("Europe/Stockholm")),
    )
    return memo


def test_a_memo_carries_its_dnr_decision_and_dispatch(api, tokens, decided):
    response = api(tokens["secretary"]).get(f"/api/v1/memos/{decided.pk}/")
    assert response.status_code == 200
    body = response.json()
    assert body["case_number"] == "AN 2022-123"
    assert body["decision"] == {
        "memo": decided.pk,
        "meeting_date": "2022-10-20",
        "paragraph": "45",
        "text": "Nämnden uppdrar åt direktören att teckna.",
        "delegated_signatory": "integration- och arbetsmarknadsdirektören",
    }
    assert body["recipients"] == [
        {
            "name": "Ekonomienheten",
            "email": "ekonomi@kommun.example",
            "method": "email",
            "sent_at": "2022-10-24T09:00:00+02:00",
        }
    ]


def test_an_agreement_lists_its_decisions(api, tokens, decided):
    body = api(tokens["official"]).get(f"/api/v1/agreements/{decided.agreement_id}/").json()
    assert [(d["meeting_date"], d["paragraph"]) for d in body["decisions"]] == [("2022-10-20", "45")]


def test_memos_are_for_the_memo_writers_of_the_committee(api, tokens, decided):
    other = Memo.objects.create(
        title="SN",
        date=date(2024, 3, 1),
        committee=CommitteeFactory(name="SN", abbreviation="SN"),
        administration="S",
    )
    ids = [memo["id"] for memo in api(tokens["official"]).get("/api/v1/memos/").json()["results"]]
    assert decided.pk in ids and other.pk not in ids
    assert api(tokens["official"]).get(f"/api/v1/memos/{other.pk}/").status_code == 404
    assert api(tokens["partner"]).get("/api/v1/memos/").json()["results"] == []
    assert api(tokens["coordinator"]).get("/api/v1/memos/").json()["results"] == []


def test_a_recorded_dispatch_changes_the_etag(api, tokens, decided):
    client = api(tokens["secretary"])
    first = client.get(f"/api/v1/memos/{decided.pk}/")
    recipient = decided.recipients.create(name="Registrator")
    recipient.method, recipient.sent_at = (
        "internal",
        datetime(2022, 10, 25, tzinfo=ZoneInfo("Europe/Stockholm")),
    )
    recipient.save()
    again = client.get(f"/api/v1/memos/{decided.pk}/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200 and len(again.json()["recipients"]) == 2


def test_the_overview_download_has_the_dnr(client, secretary, seed):
    import csv
    import io

    ikf = seed["ikf2023"]
    ikf.case_number = "AN 2022-123"
    ikf.save()
    client.force_login(secretary)
    response = client.get(reverse("exports:overview"), {"year": 2023, "format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][-1] == "Dnr"
    assert ["Inkludering på lika villkor", "AN 2022-123"] == [
        next(r for r in rows if r[0] == "Inkludering på lika villkor")[i] for i in (0, -1)
    ]
