"""The agreement page's section on participants: occupancy per year and the yearly figures.

Aggregates only, so officials and the secretary see it too; the link to the names is shown to
those who may see participants. Four queries whatever the number of placements.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import template
from django.utils import timezone
from django.utils.translation import ngettext

from core.forms import YearForm
from partnerships.models import Agreement

from .. import occupancy, permissions
from ..disclosure import suppress
from ..models import EndReason, Gender
from ..statistics import yearly_figures

if TYPE_CHECKING:
    from accounts.access import Access

register = template.Library()


def figure_cells(figures) -> tuple[dict, list]:
    """Every count the section prints, keyed, and the groups that add up (participants.disclosure):
    per gender and per end reason, each against its total."""
    counts = {("enrolled",): figures.enrolled, ("started",): figures.started, ("ended",): figures.ended}
    groups = []
    for measure in ("enrolled", "started", "ended"):
        by_gender = getattr(figures, f"{measure}_by_gender")
        counts.update({(measure, g): by_gender[g] for g in Gender.values})
        groups.append(((measure,), [(measure, g) for g in Gender.values]))
    counts.update({("reason", r): figures.ended_by_reason[r] for r in EndReason.values})
    groups.append((("ended",), [("reason", r) for r in EndReason.values]))
    for r in EndReason.values:
        counts.update({("reason", r, g): figures.ended_by_reason_and_gender[r][g] for g in Gender.values})
        groups.append((("reason", r), [("reason", r, g) for g in Gender.values]))
    for g in Gender.values:
        groups.append((("ended", g), [("reason", r, g) for r in EndReason.values]))
    return counts, groups


def totals_sentence(totals: dict) -> str:
    """ "1 inskriven, 2 påbörjade, 0 avslutade." with each count's own grammar (issue 14)."""
    enrolled, started, ended = totals["enrolled"], totals["started"], totals["ended"]
    return (
        ngettext("%(count)s enrolled", "%(count)s enrolled", occupancy.plural_count(enrolled))
        % {"count": enrolled}
        + ", "
        + ngettext("%(count)s started", "%(count)s started", occupancy.plural_count(started))
        % {"count": started}
        + ", "
        + ngettext("%(count)s ended", "%(count)s ended", occupancy.plural_count(ended)) % {"count": ended}
        + "."
    )


def participation_context(agreement: Agreement, access: Access, requested_year: int | None) -> dict:
    """Everything the section prints for `agreement`, for the year asked for (else this year,
    clamped to the agreement's validity). Those who may not see individuals get the counts
    suppressed so that no count from 1 to 4 shows or can be worked out (participants.disclosure)."""
    year = occupancy.choose_year(agreement, requested_year, timezone.localdate())
    figures = yearly_figures([agreement], year)[agreement.pk]
    can_see_participants = permissions.can_see_participants(access, agreement)
    counts, groups = figure_cells(figures)
    if can_see_participants:

        def cell(*key):
            return counts[key]
    else:
        # The totals themselves may be small (a small activity); the enrolled one is also the
        # occupancy table's "individuals", so it always shows.
        shown = suppress(counts, groups, exempt=[("started",), ("ended",)], fixed=[("enrolled",)])

        def cell(*key):
            return shown.show(key, counts[key])

    return {
        "agreement": agreement,
        "year": year,
        "by_year": occupancy.occupancy_by_year(agreement),
        "figures": figures,
        "totals": (totals := {measure: cell(measure) for measure in ("enrolled", "started", "ended")}),
        "totals_sentence": totals_sentence(totals),
        "gender_rows": [
            (label, cell("enrolled", key), cell("started", key), cell("ended", key))
            for key, label in Gender.choices
        ],
        "reason_rows": [
            (label, cell("reason", key), [cell("reason", key, g) for g in Gender.values])
            for key, label in EndReason.choices
            if figures.ended_by_reason[key]
        ],
        "genders": [label for _, label in Gender.choices],
        "can_see_participants": can_see_participants,
        "masked": not can_see_participants,
    }


@register.inclusion_tag("participants/_agreement_participation.html", takes_context=True)
def agreement_participation(context, agreement: Agreement) -> dict:
    request = context["request"]
    year_form = YearForm(request.GET)
    requested = year_form.cleaned_data["year"] if year_form.is_valid() else None
    return {**participation_context(agreement, request.access, requested), "request": request}
