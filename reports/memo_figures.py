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
from django.utils.translation import ngettext

from core.formatting import format_kr
from participants.disclosure import HIDDEN, derived_text
from participants.models import Gender
from participants.occupancy import plural_count
from partnerships.models import Agreement

from .keyfigures import KeyFigures, key_figures


def _ratio(value: Decimal | None) -> str:
    return "–" if value is None else f"{value:f}".replace(".", ",")


def _table(head: list[str], rows: list[list[str]]) -> str:
    return "\n".join("| " + " | ".join(str(cell) for cell in line) + " |" for line in [head, *rows])


def key_figures_text(agreements: list[Agreement], year: int) -> str:
    """One row per agreement and a row for the committee, for `year`."""
    figures = key_figures(agreements, year)
    total = KeyFigures(year=year)
    rows = []
    for agreement in agreements:
        one = figures[agreement.pk]
        total.add(one)
        rows.append(_key_row(agreement.name, one))
    rows.append(_key_row(_("Total"), total))
    intro = _(
        "Key figures %(year)s: the committee's cost per full-year place used and per participant, the "
        "co-financing ratio (the partners' contribution divided by the committee's cost) and the share of ended "
        "placements that ended in work or studies. A figure on fewer than five participants is shown as “%(marker)s”."
    ) % {"year": year, "marker": HIDDEN}
    head = [
        _("Agreement"),
        _("Committee cost"),
        _("Per full-year place"),
        _("Per participant"),
        _("Co-financing ratio"),
        _("Work or studies"),
    ]
    return f"{intro}\n\n{_table(head, rows)}"


def _key_row(name: str, one: KeyFigures) -> list[str]:
    return [
        name,
        format_kr(one.committee_cost),
        format_kr(one.cost_per_place) if one.cost_per_place is not None else "–",
        derived_text(one.cost_per_participant, format_kr),
        _ratio(one.co_financing_ratio),
        derived_text(one.work_or_studies_share),
    ]


def gender_sentence(name: str, one: KeyFigures) -> str:
    rows = {row["gender"]: row for row in one.gender_rows(masked=True)}
    women, men = rows[Gender.WOMAN], rows[Gender.MAN]
    if not one.enrolled:
        return _("%(name)s: no participants were registered in %(year)s.") % {"name": name, "year": one.year}
    sentence = _("%(name)s: %(women)s and %(men)s were enrolled.") % {
        "name": name,
        "women": ngettext("%(count)s woman", "%(count)s women", plural_count(women["enrolled"]))
        % {"count": women["enrolled"]},
        "men": ngettext("%(count)s man", "%(count)s men", plural_count(men["enrolled"]))
        % {"count": men["enrolled"]},
    }
    if isinstance(women["share"], Decimal) or isinstance(men["share"], Decimal):
        sentence += " " + _(
            "Of the women who ended, %(women)s went on to work or studies; of the men, %(men)s."
        ) % {"women": derived_text(women["share"]), "men": derived_text(men["share"])}
    elif one.ended:
        sentence += " " + _(
            "The share in work or studies by gender is not given: on so few it would tell something about each of them."
        )
    return sentence


def gender_equality_text(agreements: list[Agreement], year: int) -> str:
    """The table (agreement × gender: enrolled, ended, ended in work or studies) and a sentence
    per agreement. Genders with nobody enrolled or ended are left out of the table."""
    figures = key_figures(agreements, year)
    rows = []
    for agreement in agreements:
        for row in figures[agreement.pk].gender_rows(masked=True):
            if row["enrolled"] or row["ended"]:
                rows.append(
                    [
                        agreement.name,
                        str(row["label"]).capitalize(),
                        row["enrolled"],
                        row["ended"],
                        row["work_or_studies"],
                    ]
                )
    intro = _(
        "Participants %(year)s by gender and agreement, from the registry's placements. Counts under five are "
        "shown as <5, and a count that would reveal one of them as “%(marker)s”."
    ) % {"year": year, "marker": HIDDEN}
    head = [_("Agreement"), _("Gender"), _("Enrolled"), _("Ended"), _("Of whom to work or studies")]
    parts = [intro]
    if rows:
        parts.append(_table(head, rows))
    parts.append(
        "\n".join(gender_sentence(agreement.name, figures[agreement.pk]) for agreement in agreements)
    )
    return "\n\n".join(parts)
