"""Text the follow-up memo drafts from the data (issue 12): the key figures under "Ekonomiska
konsekvenser" and the gender table under "Jämställdhet" — seed 000 says "Jämställdhetsanalys
är inte genomförd"; the registry holds what such an analysis needs.

Both are plain section text (a "|" table, reports/markup.py), so the author edits them like any
other section. A memo is a public paper: counts of 1–4 are always suppressed ("<5"), and a share
or a cost per participant on fewer than five people is printed ".." (participants.disclosure).
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from core.formatting import format_kr
from participants.disclosure import HIDDEN, derived_text

from . import gender_analysis
from .keyfigures import KeyFigures, KeyFiguresReport


def _ratio(value: Decimal | None) -> str:
    return "–" if value is None else f"{value:f}".replace(".", ",")


def _table(head: list[str], rows: list[list[str]]) -> str:
    return "\n".join("| " + " | ".join(str(cell) for cell in line) + " |" for line in [head, *rows])


def key_figures_text(report: KeyFiguresReport) -> str:
    """One row per agreement and a row for the sum, of the report's year (the one builder,
    reports/keyfigures.py); the previous year's figure in brackets beside each."""
    year = report.year
    rows = [_key_row(agreement.name, one) for agreement, one in report.rows]
    rows.append(_key_row(_("Total"), report.total))
    intro = _(
        "Key figures %(year)s: the committee's cost per full-year place used, with the share of the capacity used "
        "beside it, and per participant, the co-financing ratio (the partners' contribution divided by the "
        "committee's cost) and the share in work or studies at the end of the placement and 6 and 12 months after "
        "it (of those followed up). The figure for %(previous)s is in brackets. A figure on fewer than five "
        "participants is shown as “%(marker)s”."
    ) % {"year": year, "previous": year - 1, "marker": HIDDEN}
    head = [
        _("Agreement"),
        _("Committee cost"),
        _("Capacity used"),
        _("Per full-year place"),
        _("Per participant"),
        _("Co-financing ratio"),
        _("Work or studies"),
        _("After 6 months"),
        _("After 12 months"),
    ]
    return f"{intro}\n\n{_table(head, rows)}"


def _cost_per_place(one: KeyFigures) -> str:
    return format_kr(one.cost_per_place) if one.cost_per_place is not None else "–"


def _key_row(name: str, one: KeyFigures) -> list[str]:
    before = one.previous

    def cell(show) -> str:
        text = show(one)
        return f"{text} ({show(before)})" if before is not None else text

    return [
        name,
        cell(lambda f: format_kr(f.committee_cost)),
        cell(lambda f: derived_text(f.utilisation)),
        cell(_cost_per_place),
        cell(lambda f: derived_text(f.cost_per_participant, format_kr)),
        cell(lambda f: _ratio(f.co_financing_ratio)),
        cell(lambda f: derived_text(f.work_or_studies_share)),
        cell(lambda f: derived_text(f.share_after(6))),
        cell(lambda f: derived_text(f.share_after(12))),
    ]


def gender_equality_text(report: KeyFiguresReport) -> str:
    """The table (agreement × gender: enrolled, ended, to work or studies at the end, at 6 and at
    12 months) and the analysis in words (reports/gender_analysis.py), per agreement and in sum.
    Genders with nobody enrolled or ended are left out of the table."""
    year = report.year
    rows = []
    for agreement, one in report.rows:
        for row in one.gender_rows(masked=True):
            if row["enrolled"] or row["ended"]:
                rows.append(
                    [
                        agreement.name,
                        str(row["label"]).capitalize(),
                        row["enrolled"],
                        row["ended"],
                        row["work_or_studies"],
                        row["work_or_studies_6"],
                        row["work_or_studies_12"],
                    ]
                )
    intro = _(
        "Participants %(year)s by gender and agreement, from the registry's placements. Counts under five are "
        "shown as <5, and a count that would reveal one of them as “%(marker)s”."
    ) % {"year": year, "marker": HIDDEN}
    head = [
        _("Agreement"),
        _("Gender"),
        _("Enrolled"),
        _("Ended"),
        _("Of whom to work or studies"),
        _("In work or studies after 6 months"),
        _("In work or studies after 12 months"),
    ]
    parts = [intro]
    if rows:
        parts.append(_table(head, rows))
    parts.append(gender_analysis.analysis_text(report))
    return "\n\n".join(parts)
