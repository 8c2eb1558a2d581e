"""No share or cost per participant on fewer than five people in the API's key figures (null,
named in `withheld`) nor in the key-figures download, CSV or XLSX (issue 21, row 12;
participants.disclosure.withheld). The people are reports/tests/test_no_figures_on_small_groups's:
four or five women in Hoppfull framtid 2023, all but one of them ended in work."""

from __future__ import annotations

import pytest
from django.urls import reverse

from exports.tests.test_exports import read_csv, read_xlsx
from reports.tests.test_no_figures_on_small_groups import member, place_women

pytestmark = pytest.mark.django_db

DERIVED = ["cost_per_participant", "work_or_studies_share"]


@pytest.fixture(params=[4, 5], ids=["four", "five"])
def hoppfull(request, seed):
    place_women(seed["hoppfull"], request.param)
    return seed["hoppfull"], request.param


@pytest.mark.parametrize("role", ["official", "coordinator"])
def test_an_agreements_key_figures(api, tokens, hoppfull, role, request):
    agreement, count = hoppfull
    member(request.getfixturevalue(role), agreement)
    response = api(tokens[role]).get(f"/api/v1/agreements/{agreement.pk}/key-figures/?year=2023")
    assert response.status_code == 200
    data = response.json()
    women = next(row for row in data["by_gender"] if row["gender"] == "woman")
    derived = {name: data[name] for name in DERIVED}
    if count == 4:
        assert derived == dict.fromkeys(DERIVED) and data["withheld"] == DERIVED
        assert [row["share"] for row in data["by_gender"]] == [None] * len(data["by_gender"])
        assert (women["share"], women["withheld"]) == (None, ["share"])
    else:
        assert derived == {"cost_per_participant": 220_000, "work_or_studies_share": 80}
        assert data["withheld"] == []
        # an official's count of four in work is "<5": 80 % of the five shown would give it back
        assert (women["share"], women["withheld"]) == (
            (80, []) if role == "coordinator" else (None, ["share"])
        )
    men = next(row for row in data["by_gender"] if row["gender"] == "man")
    assert men["share"] is None  # no man ended: no share, withheld or not


def test_the_committees_key_figures(api, tokens, official, hoppfull):
    agreement, count = hoppfull
    member(official, agreement)
    committees = api(tokens["official"]).get("/api/v1/key-figures/?year=2023").json()
    (committee,) = [c for c in committees if c["committee"] == agreement.committee_id]
    expected = (
        (dict.fromkeys(DERIVED), DERIVED)
        if count == 4
        else ({"cost_per_participant": 719_000, "work_or_studies_share": 80}, [])
    )
    assert ({name: committee[name] for name in DERIVED}, committee["withheld"]) == expected


def test_the_schema_documents_why_a_figure_is_null(api, tokens):
    schema = api(tokens["official"]).get("/api/schema/?format=json").json()
    figures = schema["components"]["schemas"]["KeyFigures"]["properties"]
    assert "under five" in figures["withheld"]["description"]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("role", ["official", "coordinator"])
def test_the_key_figures_download(client, hoppfull, role, fmt, request):
    agreement, count = hoppfull
    client.force_login(member(request.getfixturevalue(role), agreement))
    response = client.get(reverse("exports:key_figures"), {"year": 2023, "format": fmt})
    assert response.status_code == 200
    head, *lines = read_csv(response) if fmt == "csv" else read_xlsx(response)
    row = dict(zip(head, next(line for line in lines if line[0] == "Hoppfull framtid"), strict=True))
    found = (
        row["Kostnad per deltagare"],
        row["Andel avslutade till arbete eller studier (%)"],
        row["Arbete eller studier, kvinna (%)"],
    )
    women = 80 if role == "coordinator" else ".."  # an official's "<5" in work is not given back
    expected = ("..", "..", "..") if count == 4 else (220_000, 80, women)
    if fmt == "csv":
        expected = tuple(str(value) for value in expected)
    assert found == expected
