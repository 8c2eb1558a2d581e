"""What a memo prints: one context for the PDF and the browser preview alike.

`memo_context` reads the memo and the registry and makes no PDF, so tests check the content
without WeasyPrint. The overview table is the registry's own (`overview_rows`), in the prices of
the year the section names; the export freezes it in the stored PDF.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext as _

from partnerships.tables import OverviewRow, overview_rows

from . import markup, wording
from .drafting import memo_agreements
from .models import Memo


@dataclass(frozen=True)
class OverviewTable:
    year: int
    rows: list[OverviewRow]
    cost_heading: str

    @property
    def total_value(self) -> Decimal:
        return sum((row.value for row in self.rows), Decimal(0))

    @property
    def total_committee_cost(self) -> Decimal:
        return sum((row.committee_cost for row in self.rows), Decimal(0))


@dataclass(frozen=True)
class RenderedSection:
    level: int
    heading: str
    html: str
    overview: OverviewTable | None


def memo_context(memo: Memo) -> dict:
    """Everything the memo templates print, built from the memo and the registry."""
    sections = list(memo.sections.all())
    committee = memo.committee
    agreements = memo_agreements(committee)
    referenced: set[int] = set()
    rendered = []
    for section in sections:
        referenced.update(markup.footnote_refs(section.body))
        overview = None
        if section.overview_year:
            overview = OverviewTable(
                year=section.overview_year,
                rows=overview_rows(agreements, section.overview_year),
                cost_heading=_("Cost %(committee)s/year") % {"committee": committee.abbreviation},
            )
        rendered.append(
            RenderedSection(
                level=section.level,
                heading=section.heading,
                html=markup.render_text(section.body, memo.footnotes),
                overview=overview,
            )
        )
    footnotes = [(number, text) for number, text in enumerate(memo.footnotes, start=1)]
    return {
        "memo": memo,
        "municipality": settings.MUNICIPALITY_NAME,
        "administration": memo.administration,
        "decision_heading": _("Proposal for %(committee)s decision")
        % {"committee": wording.genitive(wording.lower_first(committee.name))},
        "decision_points": memo.decision_points,
        "basis": memo.basis,
        "sections": rendered,
        "recipients": memo.recipients,
        "footnotes": footnotes,
        "unreferenced_footnotes": [(number, text) for number, text in footnotes if number not in referenced],
        "unreferenced_footnotes_numbers": [number for number, _text in footnotes if number not in referenced],
    }
