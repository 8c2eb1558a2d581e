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
from .models import Memo, MemoSection


@dataclass(frozen=True)
class RenderedSection:
    level: int
    heading: str
    html: str
    overview: Overview | None
    text: str = ""  # the section's own markup, which the Word document reads (reports/word.py)
    pk: int | None = None  # the section's id, so the editor's preview can mark the one it edits


def memo_context(memo: Memo, sections: list[MemoSection] | None = None) -> dict:
    """Everything the memo templates print, built from the memo and the registry.

    `sections` replaces the memo's stored sections: the editor previews a section it has not
    saved yet (reports/views/editor.py)."""
    sections = list(memo.sections.all()) if sections is None else sections
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
                text=section.body,
                pk=section.pk,
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
        "recipients": [recipient.name for recipient in memo.recipients.all()] if memo.pk else [],
        "footnotes": footnotes,
        "unreferenced_footnotes": [(number, text) for number, text in footnotes if number not in referenced],
        "unreferenced_footnotes_numbers": [number for number, _text in footnotes if number not in referenced],
    }
