"""What a memo prints: one context for the PDF and the browser preview alike.

`memo_context` reads the memo and the registry and makes no PDF, so tests check the content
without WeasyPrint. The overview table is the registry's own (`build_overview`), in the prices of
the year the section names; the export freezes it in the stored PDF.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from partnerships.overview import Overview, build_overview

from . import markup, wording
from .drafting import memo_agreements
from .models import Memo


@dataclass(frozen=True)
class RenderedSection:
    level: int
    heading: str
    html: str
    overview: Overview | None


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
            overview = build_overview(agreements, year=section.overview_year, committee=committee)
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
