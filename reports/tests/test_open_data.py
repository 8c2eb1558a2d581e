"""Open data (issue 24): /offentligt/ adds each decided agreement's results from its approved
follow-up, suppressed (participants/disclosure.py), and offers the list as CSV and JSON with a
DCAT-AP-SE description of the data set that parses as RDF; cached like the page (ETag)."""

from __future__ import annotations

import csv
import io
import json

import pytest
import rdflib
from django.utils import timezone

from reports.models import FollowUp
from reports.opendata import CSV_HEADINGS

PAGE, CSV_URL, JSON_URL, DCAT_URL = (
    "/offentligt/",
    "/offentligt/iop.csv",
    "/offentligt/iop.json",
    "/offentligt/dcat.ttl",
)


def approved(agreement, year, *, enrolled, women, men, status=FollowUp.Status.APPROVED):
    now = timezone.now()
    return FollowUp.objects.create(
        agreement=agreement,
        year=year,
        enrolled=enrolled,
        to_work_or_studies_women=women,
        to_work_or_studies_men=men,
        summary="Sammanfattning.",
        status=status,
        submitted_at=now if status != FollowUp.Status.DRAFT else None,
        approved_at=now if status == FollowUp.Status.APPROVED else None,
    )


@pytest.fixture
def results(seed):
    """IKF 2023: 60 enrolled, 12 women and 3 men to work or studies: the men are <5, so the women
    are hidden too (..), or 15 − 12 would give the 3 back; 15 of 60 is 25 %. Hoppfull framtid
    2023: 4 enrolled, so every figure of it is withheld."""
    approved(seed["ikf2023"], 2023, enrolled=60, women=12, men=3)
    approved(seed["hoppfull"], 2023, enrolled=4, women=1, men=1)
    approved(seed["bro"], 2023, enrolled=30, women=9, men=8, status=FollowUp.Status.SUBMITTED)
    return seed


def by_name(document: dict) -> dict:
    return {row["name"]: row for row in document["agreements"]}


def test_the_json_parses_and_suppresses(client, results):
    response = client.get(JSON_URL + "?year=2023")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    document = json.loads(response.content)
    rows = by_name(document)
    assert document["year"] == 2023 and len(rows) == 5
    ikf = rows["Inkludering på lika villkor"]
    assert ikf["value_per_year_sek"] == 900000 and ikf["committee_cost_per_year_sek"] == 450000
    assert ikf["results"] == {
        "year": 2023,
        "enrolled": 60,
        "to_work_or_studies_women": None,
        "to_work_or_studies_men": None,
        "to_work_or_studies": 15,
        "share_to_work_or_studies_percent": 25.0,
        "withheld": ["to_work_or_studies_women", "to_work_or_studies_men"],
    }
    hoppfull = rows["Hoppfull framtid"]["results"]
    assert hoppfull["enrolled"] is None and hoppfull["share_to_work_or_studies_percent"] is None
    assert hoppfull["withheld"] == [
        "enrolled",
        "to_work_or_studies_women",
        "to_work_or_studies_men",
        "to_work_or_studies",
        "share_to_work_or_studies_percent",
    ]
    assert rows["Bro-modellen"]["results"] is None  # submitted, not approved: not published


def test_the_csv_has_a_header_and_the_markers(client, results):
    response = client.get(CSV_URL + "?year=2023")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    table = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert table[0] == CSV_HEADINGS
    rows = {row[2]: row for row in table[1:]}
    assert len(rows) == 5
    assert rows["Inkludering på lika villkor"][7:] == ["900000", "450000", "60", "..", "<5", "15", "25"]
    assert rows["Hoppfull framtid"][9:] == ["<5", "<5", "<5", "<5", ".."]
    assert rows["Bro-modellen"][9:] == ["", "", "", "", ""]


def test_the_dcat_description_parses_as_rdf(client, seed):
    DCAT, DCTERMS, RDF = rdflib.namespace.DCAT, rdflib.namespace.DCTERMS, rdflib.namespace.RDF  # noqa: N806
    response = client.get(DCAT_URL)
    assert response["Content-Type"] == "text/turtle; charset=utf-8"
    graph = rdflib.Graph().parse(data=response.content.decode(), format="turtle")
    [dataset] = graph.subjects(RDF.type, DCAT.Dataset)
    assert (
        str(graph.value(dataset, DCTERMS.title))
        == "Idéburna offentliga partnerskap (IOP) i Linköpings kommun"
    )
    assert graph.value(dataset, DCTERMS.publisher) is not None
    downloads = {
        str(graph.value(distribution, DCAT.downloadURL)): str(graph.value(distribution, DCAT.mediaType))
        for distribution in graph.objects(dataset, DCAT.distribution)
    }
    assert downloads == {
        "http://127.0.0.1:8000/offentligt/iop.csv": "http://www.iana.org/assignments/media-types/text/csv",
        "http://127.0.0.1:8000/offentligt/iop.json": "http://www.iana.org/assignments/media-types/application/json",
    }
    [catalogue] = graph.subjects(RDF.type, DCAT.Catalog)
    assert (catalogue, DCAT.dataset, dataset) in graph


def test_the_page_shows_the_results_and_links_the_files(client, results):
    page = client.get(PAGE + "?year=2023").content.decode().replace("\xa0", " ")
    assert "15 (../&lt;5)" in page and "25 %" in page
    assert 'href="/offentligt/iop.csv?year=2023"' in page and 'href="/offentligt/iop.json?year=2023"' in page
    assert 'href="/offentligt/dcat.ttl"' in page
    assert "ingen godkänd uppföljning" in page  # Bro-modellen's is only submitted


@pytest.mark.parametrize("url", [PAGE, CSV_URL, JSON_URL, DCAT_URL])
def test_a_conditional_get_is_answered_304_until_a_follow_up_is_approved(client, results, url):
    first = client.get(url + "?year=2023")
    assert first.status_code == 200 and first["ETag"]
    assert set(first["Cache-Control"].split(", ")) == {"public", "max-age=60"}
    assert client.get(url + "?year=2023", headers={"if-none-match": first["ETag"]}).status_code == 304
    follow_up = FollowUp.objects.get(agreement=results["bro"], year=2023)
    follow_up.status, follow_up.approved_at = FollowUp.Status.APPROVED, timezone.now()
    follow_up.save()
    again = client.get(url + "?year=2023", headers={"if-none-match": first["ETag"]})
    assert again.status_code == 200 and again["ETag"] != first["ETag"]


def test_switched_off_with_the_page(client, seed, settings):
    settings.PUBLIC_PAGE_ENABLED = False
    for url in (CSV_URL, JSON_URL, DCAT_URL):
        assert client.get(url).status_code == 404
