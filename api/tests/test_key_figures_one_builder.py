"""Every output of the key figures reads the one builder (reports/keyfigures.py, issue 24): the
API, the key-figures CSV and XLSX, the overview workbook, the agreement page and the follow-up
memo give the same 2022 figures of the demo, with the previous year beside them."""

from __future__ import annotations

from datetime import date
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from exports.tests.test_exports import read_csv
from reports import drafting

pytestmark = pytest.mark.django_db


def test_the_api_gives_the_committees_figures_and_the_previous_year(api, tokens, demo_participants):
    (an,) = api(tokens["official"]).get("/api/v1/key-figures/?year=2022").json()
    assert (an["committee_cost"], an["enrolled"], an["ended"], an["full_year_places"]) == (
        3_375_000,
        117,
        92,
        62.0,
    )
    assert (an["work_or_studies_share"], an["work_or_studies_share_6"], an["work_or_studies_share_12"]) == (
        33,
        38,
        43,
    )
    assert an["utilisation"] == 31
    women, men = an["by_gender"][0], an["by_gender"][1]
    assert (women["enrolled"], men["enrolled"], men["work_or_studies"], women["work_or_studies"]) == (
        100,
        17,
        "<5",
        "..",
    )
    assert (women["followed_up_6"], men["followed_up_6"], women["followed_up_12"], men["followed_up_12"]) == (
        79,
        8,
        78,
        8,
    )
    previous = an["previous"]
    assert (previous["year"], previous["enrolled"], previous["committee_cost"]) == (2021, 130, 3_025_000)
    coordinator = api(tokens["coordinator"]).get("/api/v1/key-figures/?year=2022").json()[0]
    men = coordinator["by_gender"][1]
    assert (men["work_or_studies"], men["work_or_studies_6"], men["share_6"], men["withheld"]) == (
        2,
        2,
        25,  # 2 of 8
        [],
    )


def test_an_agreements_figures_in_the_api_and_on_its_page(api, tokens, client, official, demo_participants):
    hoppfull = demo_participants["hoppfull"]
    data = api(tokens["official"]).get(f"/api/v1/agreements/{hoppfull.pk}/key-figures/?year=2022").json()
    assert (data["utilisation"], data["cost_per_place"], data["previous"]["cost_per_place"]) == (
        16,
        169_124,
        174_187,
    )
    assert data["contributions"] == [
        {"party": "Arbetsmarknadsnämnden", "committee": True, "promised": 1_100_000, "reported": None},
        {"party": "Linköpings Stadsmission", "committee": False, "promised": 980_500, "reported": None},
    ]
    client.force_login(official)
    page = client.get(f"{hoppfull.get_absolute_url()}?year=2022").content.decode().replace("\u00a0", " ")
    table = page.split('id="key-figures-table"')[1].split("</table>")[0]
    assert '<td class="amount" id="cost-per-place">169 124 kr</td><td class="amount">174 187 kr</td>' in table
    assert '<td class="amount" id="utilisation">16 %</td><td class="amount">16 %</td>' in table
    assert '<td class="amount" id="work-or-studies-6">38 %</td>' in table  # 3 of 8


def test_the_downloads_and_the_overview_workbook(client, official, demo_participants):
    client.force_login(official)
    rows = read_csv(client.get(reverse("exports:key_figures"), {"year": 2022, "format": "csv"}))
    head, total = rows[0], rows[-1]
    assert total[0] == "Summa"
    column = {name: index for index, name in enumerate(head)}
    assert total[column["Kapacitetsutnyttjande (%)"]] == "31"
    assert total[column["I arbete eller studier efter 12 månader (%)"]] == "43"
    assert total[column["Föregående år: nämndens kostnad"]].replace("\u00a0", " ") in ("3025000", "3 025 000")
    workbook = load_workbook(BytesIO(client.get("/reports/overview.xlsx?year=2022").content))
    sheet = list(workbook["Nyckeltal 2022"].iter_rows(values_only=True))
    column = {name: index for index, name in enumerate(sheet[0])}
    summa = next(row for row in sheet if row[0] == "Summa")
    assert (summa[1], summa[column["Kapacitetsutnyttjande (%)"]]) == (3_375_000, 31)
    assert summa[column["Föregående år: nämndens kostnad"]] == 3_025_000


def test_the_follow_up_memos_table_has_the_same_sum(demo_participants):
    committee = demo_participants["hoppfull"].committee
    draft = drafting.draft_followup_memo(
        committee=committee, report_year=2022, overview_year=2022, date=date(2023, 3, 30)
    )
    money = draft.section("Ekonomiska konsekvenser").body.replace("\u00a0", " ")
    assert (
        "| Summa | 2022 | 3 375 000 kr | 31 % | 54 474 kr | 28 846 kr | 0,89 |\n"
        "|  | 2021 | 3 025 000 kr | 27 % | 47 563 kr | 23 269 kr | 0,89 |"
    ) in money
    assert "| Summa | 2022 | 33 % | 38 % | 43 % |\n|  | 2021 | 37 % | 45 % | 49 % |" in money
