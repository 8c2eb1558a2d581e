"""Öppna data (issue 24): each decided agreement of a year as the public page `/offentligt/`
prints it, with its results from the approved follow-up, as CSV and JSON, and a DCAT-AP-SE
description of the data set so the national data portal (dataportal.se) can harvest it.

Results are the approved follow-up's figures, which the partner reported and an official
approved (reports/models/followups.py): enrolled participants and how many went on to work or
studies, women and men, and the share. Suppressed as everywhere (participants/disclosure.py):
a count from 1 to 4 is "<5", a count that would give a hidden one back "..", and no share on
fewer than five or on a hidden count. In JSON a suppressed figure is null and named in the
result's `withheld` list (the API's convention); in CSV it is the marker itself.

One builder (`open_rows`) for the page, the CSV and the JSON: the money comes from the public
page's own overview (partnerships/public.py), nothing is summed here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from participants import disclosure
from partnerships import public, services
from partnerships.models import Agreement

from .models import FollowUp

# What the results read, for the public page's data version (ETag, cache keys).
SHOWN = (FollowUp,)

ENROLLED = "enrolled"
WOMEN = "to_work_or_studies_women"
MEN = "to_work_or_studies_men"
TOTAL = "to_work_or_studies"
SHARE = "share_to_work_or_studies_percent"
COUNTS = (ENROLLED, WOMEN, MEN, TOTAL)


@dataclass(frozen=True)
class Results:
    """One agreement's results in one year, suppressed. `shown` holds each count as it may be
    printed (a number, "<5" or ".."), `share` the share in per cent (or ".." or None)."""

    year: int
    shown: dict[str, int | str | None]
    share: Decimal | str | None
    withheld: list[str] = field(default_factory=list)

    @property
    def share_text(self) -> str:
        """As the pages print a derived figure: "30 %", ".." when withheld, "–" when there is none."""
        return disclosure.derived_text(self.share)

    def as_json(self) -> dict:
        data = {key: value if isinstance(value, int) else None for key, value in self.shown.items()}
        data[SHARE] = float(self.share) if isinstance(self.share, Decimal) else None
        return {"year": self.year, **data, "withheld": self.withheld}


def results_of(follow_up: FollowUp) -> Results:
    """The approved follow-up's figures, suppressed (participants/disclosure.py)."""
    outcomes = follow_up.outcomes_reported
    counts = {ENROLLED: follow_up.enrolled}
    if outcomes is not None:
        counts |= {WOMEN: outcomes["women"], MEN: outcomes["men"], TOTAL: outcomes["total"]}
    given = {key: value for key, value in counts.items() if value is not None}
    suppression = disclosure.suppress(given, [(TOTAL, [WOMEN, MEN])] if outcomes is not None else [])
    shown = {key: (suppression.show(key, given[key]) if key in given else None) for key in COUNTS}
    hidden = suppression.primary | suppression.secondary
    share = None
    if outcomes is not None and follow_up.enrolled is not None:
        share = disclosure.share(
            outcomes["total"], follow_up.enrolled, hidden=bool({ENROLLED, TOTAL} & hidden)
        )
    withheld = [key for key in COUNTS if key in hidden]
    if share == disclosure.HIDDEN:
        withheld.append(SHARE)
    return Results(year=follow_up.year, shown=shown, share=share, withheld=withheld)


def results_by_agreement(agreement_ids: Iterable[int], year: int) -> dict[int, Results]:
    """The results of those agreements that have an approved follow-up for `year`."""
    follow_ups = FollowUp.objects.approved().filter(agreement__in=list(agreement_ids), year=year)
    return {follow_up.agreement_id: results_of(follow_up) for follow_up in follow_ups}


@dataclass(frozen=True)
class OpenRow:
    committee: str
    name: str
    partners: str
    purpose: str
    valid_from: date
    valid_to: date
    value: Decimal
    committee_cost: Decimal
    results: Results | None


def open_rows(year: int) -> list[OpenRow]:
    """Every committee's decided agreements of `year`, in the public page's order."""
    rows = []
    for section in public.public_overviews(year):
        for row, starts, results in section["rows"]:
            rows.append(
                OpenRow(
                    committee=section["committee"],
                    name=row.name,
                    partners=row.partners,
                    purpose=row.purpose,
                    valid_from=starts,
                    valid_to=row.valid_to,
                    value=row.value,
                    committee_cost=row.committee_cost,
                    results=results,
                )
            )
    return rows


CSV_HEADINGS = [
    "year",
    "committee",
    "name",
    "partners",
    "purpose",
    "valid_from",
    "valid_to",
    "value_per_year_sek",
    "committee_cost_per_year_sek",
    ENROLLED,
    WOMEN,
    MEN,
    TOTAL,
    SHARE,
]


def csv_rows(year: int, rows: list[OpenRow]) -> list[list]:
    table = []
    for row in rows:
        results = row.results
        figures = [results.shown[key] if results else None for key in COUNTS]
        share = results.share if results else None
        table.append(
            [
                year,
                row.committee,
                row.name,
                row.partners,
                row.purpose,
                row.valid_from,
                row.valid_to,
                row.value,
                row.committee_cost,
                *figures,
                share,
            ]
        )
    return table


def json_document(year: int, rows: list[OpenRow]) -> dict:
    return {
        "year": year,
        "publisher": settings.MUNICIPALITY_NAME,
        "description": settings.SITE_URL.rstrip("/") + reverse("opendata:dcat"),
        "license": "http://creativecommons.org/publicdomain/zero/1.0/",
        "agreements": [
            {
                "committee": row.committee,
                "name": row.name,
                "partners": row.partners,
                "purpose": row.purpose,
                "valid_from": row.valid_from.isoformat(),
                "valid_to": row.valid_to.isoformat(),
                "value_per_year_sek": int(row.value),
                "committee_cost_per_year_sek": int(row.committee_cost),
                "results": row.results.as_json() if row.results else None,
            }
            for row in rows
        ],
    }


def default_year() -> int:
    """The public page's default year (this year when it has agreements, else the latest)."""
    return services.default_overview_year(Agreement.objects.decided().years(), timezone.localdate())
