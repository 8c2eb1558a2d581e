"""The agreement page's key figures for the year shown (reports/keyfigures.py)."""

from __future__ import annotations

from django import template
from django.utils import timezone

from core.formatting import format_kr
from core.forms import YearForm
from participants import occupancy, permissions
from participants.disclosure import derived_text
from partnerships.models import Agreement

from ..keyfigures import key_figures

register = template.Library()


def ratio_display(value) -> str:
    return "–" if value is None else f"{value:f}".replace(".", ",")


@register.filter
def ratio(value) -> str:
    """1.00 → "1,00"; None → "–"."""
    return ratio_display(value)


@register.filter
def per_cent(value) -> str:
    """A share: 67 → "67 %"; withheld (fewer than five) → ".."; None → "–"."""
    return derived_text(value)


@register.filter
def kr_per_person(value) -> str:
    """A cost per person: "366 667 kr"; withheld (fewer than five) → ".."; None → "–"."""
    return derived_text(value, format_kr)


@register.inclusion_tag("reports/_key_figures.html", takes_context=True)
def agreement_key_figures(context, agreement: Agreement) -> dict:
    request = context["request"]
    year_form = YearForm(request.GET)
    requested = year_form.cleaned_data["year"] if year_form.is_valid() else None
    year = occupancy.choose_year(agreement, requested, timezone.localdate())
    figures = key_figures([agreement], year)[agreement.pk]
    masked = not permissions.can_see_participants(request.access, agreement)
    return {"year": year, "figures": figures, "gender_rows": figures.gender_rows(masked=masked)}
