"""Text the follow-up memo drafts from the data (issues 12 and 24): the key figures under
"Ekonomiska konsekvenser" and the gender table with the analysis in words
(reports/gender_analysis.py) under "Jämställdhet", both from one `KeyFiguresReport` of the one
builder (reports/keyfigures.py).

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
    """Two tables of the report's year (the one builder, reports/keyfigures.py): the money and the
    capacity, then the shares in work or studies; a row per agreement and one for the sum, each
    followed by its previous year's row where it ran then. Two narrow tables rather than one
    wide one, so that a PDF page holds every amount on one line."""
    year = report.year
    intro = _(
        "Key figures %(year)s beside %(previous)s: the committee's cost, the share of the capacity used, the cost "
        "per full-year place used and per participant and the co-financing ratio (the partners' contribution "
        "divided by the committee's cost); then the share in work or studies at the end of the placement and 6 "
        "and 12 months after it (of those followed up). A figure on fewer than five participants is shown as "
        "“%(marker)s”."
    ) % {"year": year, "previous": year - 1, "marker": HIDDEN}
    lines = [*[(agreement.name, one) for agreement, one in report.rows], (_("Total"), report.total)]
    money_head = [
        _("Agreement"),
        _("Year"),
        _("Committee cost"),
        _("Capacity used"),
        _("Per full-year place"),
        _("Per participant"),
        _("Co-financing ratio"),
    ]
    results_head = [
        _("Agreement"),
        _("Year"),
        _("Work or studies"),
        _("After 6 months"),
        _("After 12 months"),
    ]
    money, results = [], []
    for name, one in lines:
        for label, figures in ((name, one), ("", one.previous)):
            if figures is None:
                continue
            money.append(
                [
                    label,
                    str(figures.year),
                    format_kr(figures.committee_cost),
                    derived_text(figures.utilisation),
                    _cost_per_place(figures),
                    derived_text(figures.cost_per_participant, format_kr),
                    _ratio(figures.co_financing_ratio),
                ]
            )
            results.append(
                [
                    label,
                    str(figures.year),
                    derived_text(figures.work_or_studies_share),
                    derived_text(figures.share_after(6)),
                    derived_text(figures.share_after(12)),
                ]
            )
    return "\n\n".join([intro, _table(money_head, money), _table(results_head, results)])


def _cost_per_place(one: KeyFigures) -> str:
    return format_kr(one.cost_per_place) if one.cost_per_place is not None else "–"


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
        "shown as “<5”, and a count that would reveal one of them as “%(marker)s”."
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
