"""The agreement page's section on participants: occupancy per year and the yearly figures.

Aggregates only, so officials and the secretary see it too; the link to the names is shown to
those who may see participants. Four queries whatever the number of placements.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import template
from django.utils import timezone

from core.forms import YearForm
from partnerships.models import Agreement

from .. import occupancy, permissions
from ..models import EndReason, Gender
from ..statistics import yearly_figures

if TYPE_CHECKING:
    from accounts.access import Access

register = template.Library()


def mask_small(count: int) -> int | str:
    """A breakdown cell for those who may not see individuals: 1–4 people could be identified
    (who ended for ill health, say), so such cells print "<5"; 0 and 5 or more print as they are."""
    return f"<{SMALL_COUNT}" if 0 < count < SMALL_COUNT else count


SMALL_COUNT = 5


def participation_context(agreement: Agreement, access: Access, requested_year: int | None) -> dict:
    """Everything the section prints for `agreement`, for the year asked for (else this year,
    clamped to the agreement's validity)."""
    year = occupancy.choose_year(agreement, requested_year, timezone.localdate())
    figures = yearly_figures([agreement], year)[agreement.pk]
    can_see_participants = permissions.can_see_participants(access, agreement)
    cell = (lambda count: count) if can_see_participants else mask_small
    return {
        "agreement": agreement,
        "year": year,
        "by_year": occupancy.occupancy_by_year(agreement),
        "figures": figures,
        "gender_rows": [
            (
                label,
                cell(figures.enrolled_by_gender[key]),
                cell(figures.started_by_gender[key]),
                cell(figures.ended_by_gender[key]),
            )
            for key, label in Gender.choices
        ],
        "reason_rows": [
            (
                label,
                cell(figures.ended_by_reason[key]),
                [cell(figures.ended_by_reason_and_gender[key][g]) for g in Gender.values],
            )
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
