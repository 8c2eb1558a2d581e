"""How the committee's papers print amounts and dates."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from .money import round_kronor

NBSP = "\u00a0"


def format_kr(amount: Decimal | int | None) -> str:
    """Whole kronor, Swedish style: 2080500 → "2 080 500 kr" (no-break spaces)."""
    if amount is None or amount == "":
        return ""
    grouped = f"{round_kronor(Decimal(amount)):,f}".replace(",", NBSP).replace("-", "−")
    return f"{grouped}{NBSP}kr"


def format_thousands(number: int) -> str:
    """A whole number Swedish style: 1000 → "1 000" (no-break space)."""
    return f"{int(number):,}".replace(",", NBSP).replace("-", "−")


def format_short_date(day: date | None) -> str:
    """The overview's Giltighet: 2023-12-31 → "23.12.31"."""
    return day.strftime("%y.%m.%d") if day else ""
