"""The budget forecast: committed cost per calendar year of the decided agreements, indexed and
prorated as on the agreement page (docs/domain.md: 2023 = 3 595 000 kr, IKF 2024 = 459 000 kr)."""

from __future__ import annotations

import re
from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook

from partnerships.forecast import bar_chart, build_forecast
from partnerships.models import Agreement


def test_the_seed_forecast(seed):
    forecast = build_forecast(Agreement.objects.order_by("valid_from"))
    assert forecast.years == [2020, 2021, 2022, 2023, 2024]
    assert forecast.total_for(2023) == Decimal("3595000")
    ikf = next(row for row in forecast.rows if row.agreement == seed["ikf2023"])
    assert ikf.costs == {2023: Decimal("450000"), 2024: Decimal("459000")}
    assert forecast.total_for(2022) == Decimal("3375000")  # the 2022 overview's cost sum


def test_a_draft_is_not_committed(seed):
    Agreement.objects.filter(pk=seed["ikf2023"].pk).update(stage="draft")
    assert build_forecast(Agreement.objects.all()).total_for(2023) == Decimal("3145000")


def test_a_partial_year_is_prorated_by_day(seed):
    ikf = seed["ikf2023"]
    ikf.valid_to = ikf.valid_to.replace(month=6, day=30)  # 2024 is a leap year: 182 of 366 days
    ikf.save()
    row = build_forecast([ikf]).rows[0]
    assert row.costs[2024] == Decimal("228246")  # 459 000 × 182 / 366, half up


def test_the_chart_is_scaled_to_a_round_axis_above_the_largest_year():
    chart = bar_chart({2023: Decimal(100), 2024: Decimal(50)}, width=228, height=156, margin=28)
    # the axis: a quarter of 100 is 25, not round; the next round step up is 50
    assert [tick.value for tick in chart.ticks] == [0, 50, 100]
    assert [(bar.year, bar.height) for bar in chart.bars] == [(2023, 100), (2024, 50)]
    assert chart.bars[0].y + chart.bars[0].height == chart.baseline
    assert chart.ticks[-1].y == chart.bars[0].y and chart.ticks[0].y == chart.baseline


@pytest.mark.parametrize(
    ("top", "step"),
    [
        (Decimal(3_595_000), Decimal(1_000_000)),
        (Decimal(459_000), Decimal(200_000)),
        (Decimal(80), Decimal(20)),
    ],
)
def test_the_axis_steps_are_round(top, step):
    from partnerships.forecast import nice_step

    assert nice_step(top) == step


def test_the_chart_has_an_axis_values_and_a_text_alternative(client, official, seed):
    """Issue 25: the chart had no axis, no values and no text alternative a reader can use."""
    client.force_login(official)
    html = client.get("/agreements/forecast/").content.decode().replace("\u00a0", " ")
    svg = html.split("<svg", 1)[1].split("</svg>", 1)[0]
    description = re.search(r"<desc[^>]*>(.*?)</desc>", svg, re.S).group(1)
    assert "2023: 3 595 000 kr" in description and "2024: 459 000 kr" in description
    assert "Högst 2023 med 3 595 000 kr" in description
    assert "aria-describedby" in svg
    assert re.findall(r'class="axis-label"[^>]*>([^<]*)<', svg) == [
        "0",
        "1 mnkr",
        "2 mnkr",
        "3 mnkr",
        "4 mnkr",
    ]
    assert "3,6 mnkr" in svg  # the value over the 2023 bar


@pytest.mark.parametrize("role", ["official", "secretary", "coordinator"])
def test_the_forecast_page(client, request, seed, role):
    client.force_login(request.getfixturevalue(role))
    response = client.get("/agreements/forecast/")
    html = response.content.decode().replace("\u00a0", " ")
    totals = re.findall(r"data-year-total>([^<]*)<", html)
    assert totals == ["250 000 kr", "3 025 000 kr", "3 375 000 kr", "3 595 000 kr", "459 000 kr"]
    assert "<svg" in html and "<script>" not in html and "459 000 kr" in html
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_the_forecast_spreadsheet(client, secretary, seed):
    client.force_login(secretary)
    response = client.get("/reports/forecast.xlsx")
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][3:] == (2020, 2021, 2022, 2023, 2024)
    assert rows[-3][0] == "Summa" and rows[-3][6] == 3_595_000
    # the committee's budget frame for IOP and what is left within it (issue 24; the demo's frame)
    assert rows[-2] == ("Budgetram för IOP", None, None, None, None, None, 3_600_000, 3_600_000)
    assert rows[-1] == ("Kvar inom ramen", None, None, None, None, None, 5_000, 3_141_000)
    ikf = next(row for row in rows if row[0] == "Inkludering på lika villkor" and row[1].year == 2023)
    assert ikf[6:] == (450_000, 459_000)


def test_a_partner_sees_no_forecast(client, partner_user, seed):
    client.force_login(partner_user)
    assert client.get("/agreements/forecast/").status_code == 403
    assert client.get("/reports/forecast.xlsx").status_code == 403


def test_the_forecast_page_takes_the_same_queries_however_many_agreements(client, official, seed):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from participants.tests.factories import AgreementFactory

    client.force_login(official)
    client.get("/agreements/forecast/")
    cache.clear()  # the page's build, not its cached copy (core/pagecache.py)
    with CaptureQueriesContext(connection) as few:
        client.get("/agreements/forecast/")
    AgreementFactory.create_batch(5, committee=seed["ikf2023"].committee)
    with CaptureQueriesContext(connection) as many:
        response = client.get("/agreements/forecast/")
    assert response.content.decode().count("Aktivitet ") >= 5
    assert len(many) == len(few)


@pytest.mark.parametrize("committee", ["abc", "99999999999999999999", "٣"])
def test_a_committee_that_cannot_exist_is_404(client, official, seed, committee):
    client.force_login(official)
    assert client.get("/reports/forecast.xlsx", {"committee": committee}).status_code == 404
