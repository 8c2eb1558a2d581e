"""Money is whole kronor, rounded half up (STYLE.md, Money; docs/domain.md)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

WHOLE_KRONA = Decimal("1")


def round_kronor(amount: Decimal) -> Decimal:
    """Round to whole kronor, half up (0.5 kr becomes 1 kr)."""
    return amount.quantize(WHOLE_KRONA, rounding=ROUND_HALF_UP)
