"""The agreement page's section on participants: occupancy per year and the yearly figures.

Aggregates only, so officials and the secretary see it too; the link to the names is shown to
those who may see participants. Four queries whatever the number of placements.
"""
from __future__ import annotations

from django import template
from django.utils import timezone

from partnerships.forms import YearForm
from partnerships.models import Agreement

from .. import occupancy
from ..models import EndReason, Gender
from ..statistics import yearly_figures

register = template.Library()


def participation_context(agreement: Agreement, user, requested_year: int | None) -> dict:
    """Everything the section prints for `agreement`, for the year asked for (else this year,
    clamped to the agreement's validity)."""
    year = occupancy.choose_year(agreement, requested_year, timezone.localdate())
    figures = yearly_figures([agreement], year)[agreement.pk]
    return {
        "agreement": agreement,
        "year": year,
        "by_year": occupancy.occupancy_by_year(agreement),
        "figures": figures,
        "gender_rows": [
            (label, figures.enrolled_by_gender[key], figures.started_by_gender[key], figures.ended_by_gender[key])
            for key, label in Gender.choices
        ],
        "reason_rows": [
            (label, figures.ended_by_reason[key], [figures.ended_by_reason_and_gender[key][g] for g in Gender.values])
            for key, label in EndReason.choices
            if figures.ended_by_reason[key]
        ],
        "genders": [label for _, label in Gender.choices],
        "can_see_participants": user.has_perm("participants.view_placement"),
    }


@register.inclusion_tag("participants/_agreement_participation.html", takes_context=True)
def agreement_participation(context, agreement: Agreement) -> dict:
    request = context["request"]
    year_form = YearForm(request.GET)
    requested = year_form.cleaned_data["year"] if year_form.is_valid() else None
    return {**participation_context(agreement, request.user, requested), "request": request}
