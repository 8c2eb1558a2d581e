"""Swedish formatting of money and dates for templates."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django import template

from core.formatting import format_kr, format_short_date, format_thousands

register = template.Library()


@register.filter
def kr(amount: Decimal | int | None) -> str:
    """{{ amount|kr }} → "2 080 500 kr" (no-break spaces, so it never wraps)."""
    return format_kr(amount)


@register.filter
def thousands(number: int) -> str:
    """{{ 1000|thousands }} → "1 000"."""
    return format_thousands(number)


@register.filter
def yymmdd(day: date | None) -> str:
    """{{ agreement.valid_to|yymmdd }} → "23.12.31", as the committee's overview prints Giltighet."""
    return format_short_date(day)
