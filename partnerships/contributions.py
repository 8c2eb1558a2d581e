"""The parties' own contributions against the agreement's money.

Motpartens insats (docs/domain.md) is the calculated value less the committee's cost: what the
partners bring between them (IKF 2023: 900 000 − 450 000 = 450 000 kr "lokaler och
personalresurser"). So the contributions stated per party can add up to no more than that, and,
once every party's is stated, to exactly that. A renewal carries them into the new price level
by the same indexation as the amounts (partnerships/indexation.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.utils.translation import gettext as _

from core.formatting import format_kr

from . import indexation


def contribution_error(
    *, value: Decimal, committee_cost: Decimal, contributions: Sequence[Decimal | None]
) -> str | None:
    """Why the parties' contributions (None: not stated) disagree with value − committee cost,
    or None when they agree. Nothing stated agrees with anything."""
    expected = value - committee_cost
    given = [amount for amount in contributions if amount is not None]
    total = sum(given, Decimal(0))
    if total > expected:
        return _(
            "The parties' contributions add up to %(total)s, more than the partners' contribution "
            "(value less the committee's cost) of %(expected)s."
        ) % {"total": format_kr(total), "expected": format_kr(expected)}
    if given and len(given) == len(contributions) and total != expected:
        return _(
            "Every party's contribution is given, and together they come to %(total)s: they must add "
            "up to the partners' contribution (value less the committee's cost) of %(expected)s."
        ) % {"total": format_kr(total), "expected": format_kr(expected)}
    return None


def rebase_contributions(
    contributions: Sequence[Decimal | None],
    *,
    price_level_year: int,
    rate_percent: Decimal,
    year: int,
    expected: Decimal,
) -> list[Decimal | None]:
    """Each stated contribution in `year`'s prices, like the agreement's amounts, and still in
    agreement with the new `expected` (value − committee cost, each rounded on its own): when
    rounding moves the sum off it, the last stated contribution takes up the difference."""
    rebased = [
        None if amount is None else indexation.indexed_amount(amount, price_level_year, rate_percent, year)
        for amount in contributions
    ]
    stated = [i for i, amount in enumerate(rebased) if amount is not None]
    if not stated:
        return rebased
    total = sum((rebased[i] for i in stated), Decimal(0))
    all_stated = len(stated) == len(rebased)
    if total > expected or (all_stated and total != expected):
        last = stated[-1]
        rebased[last] = max(rebased[last] + expected - total, Decimal(0))
    return rebased
