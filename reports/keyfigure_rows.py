"""The key figures as a table (one row per agreement and a sum row), for the key-figures export
(CSV, XLSX) and the overview workbook's second sheet: one layout over the one builder
(reports/keyfigures.py, issue 24), so a column cannot be summed or suppressed differently in two
files. Values are as the builder gives them: Decimal, int, None for no figure, or the
suppression marker ("<5", "..") where a count or a share is withheld."""

from __future__ import annotations

from django.utils.translation import gettext as _

from participants.models import Gender

from .keyfigures import KeyFigures, KeyFiguresReport

GENDERS = len(Gender.choices)
# Committee cost, cost per full-year place, cost per participant, the previous year's cost.
KRONOR_COLUMNS = (1, 3, 4, 7 + 5 * GENDERS + 3)


def key_figure_headings() -> list[str]:
    genders = Gender.choices
    return [
        _("Name"),
        _("Committee cost"),
        _("Full-year places used"),
        _("Cost per full-year place"),
        _("Cost per participant"),
        _("Co-financing ratio"),
        _("Share ended in work or studies (%)"),
        *[_("Enrolled, %(gender)s") % {"gender": label} for _key, label in genders],
        *[_("Work or studies, %(gender)s (%%)") % {"gender": label} for _key, label in genders],
        _("Utilisation of the capacity (%)"),
        _("In work or studies after 6 months (%)"),
        _("In work or studies after 12 months (%)"),
        *[_("After 6 months, %(gender)s (%%)") % {"gender": label} for _key, label in genders],
        *[_("After 12 months, %(gender)s (%%)") % {"gender": label} for _key, label in genders],
        *[_("Ended, %(gender)s") % {"gender": label} for _key, label in genders],
        _("Previous year: committee cost"),
        _("Previous year: full-year places used"),
        _("Previous year: utilisation (%)"),
        _("Previous year: share ended in work or studies (%)"),
        _("Previous year: after 6 months (%)"),
        _("Previous year: after 12 months (%)"),
    ]


def _row(name: str, one: KeyFigures, *, masked: bool) -> list:
    by_gender = one.gender_rows(masked=masked)
    before = one.previous
    return [
        name,
        one.committee_cost,
        round(one.full_year_places, 1),
        one.cost_per_place,
        one.cost_per_participant,
        one.co_financing_ratio,
        one.work_or_studies_share,
        *[row["enrolled"] for row in by_gender],
        *[row["share"] for row in by_gender],
        one.utilisation,
        one.share_after(6),
        one.share_after(12),
        *[row["share_6"] for row in by_gender],
        *[row["share_12"] for row in by_gender],
        *[row["ended"] for row in by_gender],
        *(
            [
                before.committee_cost,
                round(before.full_year_places, 1),
                before.utilisation,
                before.work_or_studies_share,
                before.share_after(6),
                before.share_after(12),
            ]
            if before is not None
            else [None] * 6
        ),
    ]


def key_figure_rows(report: KeyFiguresReport, *, masked: bool) -> list[list]:
    """A row per agreement of `report`, then its sum ("Total")."""
    return [
        *[_row(agreement.name, one, masked=masked) for agreement, one in report.rows],
        _row(_("Total"), report.total, masked=masked),
    ]
