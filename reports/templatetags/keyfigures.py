"""The agreement page's key figures for the year shown (reports/keyfigures.py)."""

from __future__ import annotations

from django import template
from django.utils import timezone

from core.formatting import format_kr
from core.forms import YearForm
from participants import occupancy, permissions
from participants.disclosure import derived_text
from partnerships.models import Agreement

from ..keyfigures import build_key_figures

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


@register.filter
def share_after(figures, months) -> object:
    """`figures.share_after(months)`: the share in work or studies months after the end."""
    return figures.share_after(int(months))


@register.filter
def one_decimal(value) -> str:
    """Full-year places: 6.32 → "6,3"."""
    return occupancy.format_one_decimal(value)


@register.inclusion_tag("reports/_key_figures.html", takes_context=True)
def agreement_key_figures(context, agreement: Agreement) -> dict:
    request = context["request"]
    year_form = YearForm(request.GET)
    requested = year_form.cleaned_data["year"] if year_form.is_valid() else None
    year = occupancy.choose_year(agreement, requested, timezone.localdate())
    figures = build_key_figures([agreement], year).of(agreement)
    masked = not permissions.can_see_participants(request.access, agreement)
    previous = figures.previous
    return {
        "year": year,
        "figures": figures,
        "previous": previous,
        "gender_rows": figures.gender_rows(masked=masked),
    }
