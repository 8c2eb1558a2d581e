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


@register.filter
def kr_compact(amount: Decimal | int | None) -> str:
    """{{ amount|kr_compact }} for a chart's axis and bars: "3,6 mnkr", "200 tkr", "80 kr", "0"
    (millions with one decimal, dropped when it is 0; thousands whole; a comma as decimal sign)."""
    if amount is None:
        return ""
    value = Decimal(amount)
    if value == 0:
        return "0"
    if abs(value) >= 1_000_000:
        millions = (value / 1_000_000).quantize(Decimal("0.1"), rounding="ROUND_HALF_UP")
        text = f"{millions:f}".removesuffix(".0").replace(".", ",")
        return f"{text}\u00a0mnkr"
    if abs(value) >= 1_000:
        return f"{(value / 1_000).quantize(Decimal(1), rounding='ROUND_HALF_UP')}\u00a0tkr"
    return f"{value.quantize(Decimal(1), rounding='ROUND_HALF_UP')}\u00a0kr"
