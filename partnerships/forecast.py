"""The budget forecast: what a committee has committed itself to pay in each calendar year.

Every decided agreement counts with its committee cost per calendar year, indexed and prorated
by day exactly as the agreement page shows it (`Agreement.schedule`, partnerships/indexation.py);
nothing is computed here but sums. On the seed data 2023 is 3 595 000 kr (Hoppfull framtid
1 100 000 + Bro-modellen 1 150 000 + Vi Ses! 600 000 + Kompletterande språkträning 295 000 +
IKF 450 000) and IKF's 2024 is 459 000 kr (DOMAIN.md, "Figures for the forecast").
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.utils.translation import get_language

from core import dataversion

from .models import Agreement, Amendment, Committee

CACHE_SECONDS = 600
SHOWN = (Committee, Agreement, Amendment)  # what a forecast's figures and names come from


@dataclass(frozen=True)
class ForecastRow:
    agreement: Agreement
    costs: dict[int, Decimal]  # year -> committee cost; years the agreement does not cover are absent

    def cells(self, years: list[int]) -> list[Decimal | None]:
        return [self.costs.get(year) for year in years]


@dataclass(frozen=True)
class Forecast:
    years: list[int]
    rows: list[ForecastRow]

    @property
    def totals(self) -> dict[int, Decimal]:
        return {
            year: sum((row.costs.get(year, Decimal(0)) for row in self.rows), Decimal(0))
            for year in self.years
        }

    def total_for(self, year: int) -> Decimal:
        return self.totals.get(year, Decimal(0))


def build_forecast(agreements: Iterable[Agreement]) -> Forecast:
    """One row per agreement (decided ones only), one column per year any of them covers."""
    rows = [
        ForecastRow(
            agreement=agreement,
            costs={amounts.year: amounts.committee_cost for amounts in agreement.schedule()},
        )
        for agreement in agreements
        if agreement.stage == Agreement.Stage.DECIDED
    ]
    years = sorted({year for row in rows for year in row.costs})
    if years:
        years = list(range(years[0], years[-1] + 1))
    return Forecast(years=years, rows=rows)


@dataclass(frozen=True)
class Bar:
    year: int
    total: Decimal
    x: int
    y: int
    width: int
    height: int

    @property
    def label_x(self) -> int:
        return self.x + self.width // 2


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    baseline: int
    bars: list[Bar]


def bar_chart(totals: dict[int, Decimal], *, width: int = 720, height: int = 240, margin: int = 28) -> Chart:
    """A bar per year, scaled to the largest total, as coordinates the template writes into an
    inline SVG (drawn on the server: no script, nothing fetched)."""
    years = sorted(totals)
    plot_height = height - 2 * margin
    top = max(totals.values(), default=Decimal(0)) or Decimal(1)
    slot = (width - 2 * margin) // max(len(years), 1)
    bar_width = max(int(slot * 0.7), 1)
    bars = []
    for index, year in enumerate(years):
        bar_height = int((Decimal(totals[year]) / top * plot_height).to_integral_value())
        bars.append(
            Bar(
                year=year,
                total=totals[year],
                x=margin + index * slot + (slot - bar_width) // 2,
                y=margin + plot_height - bar_height,
                width=bar_width,
                height=bar_height,
            )
        )
    return Chart(width=width, height=height, baseline=margin + plot_height, bars=bars)


@dataclass(frozen=True)
class CommitteeForecast:
    """One committee's forecast as its page prints it: each row an agreement's id, name and
    costs, and the totals and chart over every row (the page shows a page of the rows)."""

    committee: Committee
    years: list[int]
    rows: list[tuple[int, str, list[Decimal | None]]]
    totals: list[Decimal]
    chart: Chart


def committee_forecasts(agreements: Iterable[Agreement]) -> list[CommitteeForecast]:
    """Per committee (by name) of the agreements (`for_forecast().select_related("committee")`)."""
    by_committee: dict[Committee, list[Agreement]] = {}
    for agreement in agreements:
        by_committee.setdefault(agreement.committee, []).append(agreement)
    result = []
    for committee, rows in sorted(by_committee.items(), key=lambda item: item[0].name):
        built = build_forecast(rows)
        result.append(
            CommitteeForecast(
                committee=committee,
                years=built.years,
                rows=[(row.agreement.pk, str(row.agreement), row.cells(built.years)) for row in built.rows],
                totals=[built.total_for(year) for year in built.years],
                chart=bar_chart(built.totals),
            )
        )
    return result


def cached_committee_forecasts(agreements, *, scope: str) -> list[CommitteeForecast]:
    """`committee_forecasts`, kept in the cache until anything it prints changes (the data
    version of committees, agreements and amendments, core/dataversion.py), keyed by the query
    (so what the user may see is part of it), `scope` (`Access.committees_key`) and the language. At
    national scale the schedules of 6,000 agreements take a second of Python (issue 22): a
    page of the rows renders from the cached figures, and the totals stay the sums of every row.
    """
    try:
        query = str(agreements.query)
    except EmptyResultSet:  # nothing to see (a user in no committee): nothing to cache
        return committee_forecasts(agreements)
    digest = hashlib.sha256("|".join([query, scope, get_language() or ""]).encode()).hexdigest()
    version = dataversion.read(SHOWN)
    key = f"partnerships:forecast:{digest}:{version.token}"
    forecasts = cache.get(key)
    if forecasts is None:
        forecasts = committee_forecasts(agreements)
        cache.set(key, forecasts, version.seconds_to_settle() or CACHE_SECONDS)
    return forecasts


def forecast_page(forecasts: list[CommitteeForecast], rows_on_page: list[tuple[int, int]]) -> list[dict]:
    """The committees with rows on a page, each with those rows and its totals over all rows.
    `rows_on_page`: (committee's index in `forecasts`, row's index in it)."""
    blocks: dict[int, dict] = {}
    for committee_index, row_index in rows_on_page:
        forecast = forecasts[committee_index]
        block = blocks.setdefault(committee_index, {"forecast": forecast, "rows": []})
        block["rows"].append(forecast.rows[row_index])
    return list(blocks.values())
