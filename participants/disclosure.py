"""Which counts a page may print for those who see aggregates only (officials, the secretary).

A count from 1 to 4 could point at a person (who ended for ill health, say), so it prints as
"<5" (primary suppression). That alone is not enough where the counts add up to a total that is
printed too: "12 inskrivna, Kvinna 8, Man <5" gives Man = 12 − 8 = 4 (issue 8, item 11). So
wherever a row or column that adds up (a group) has exactly one hidden count, one more of its
counts is hidden (secondary suppression, printed ".."): the smallest non-zero count shown,
else its total, else a zero. Hiding one may leave another group with a single hidden count, so
the rule is applied until no group has exactly one.

Pure: counts and groups in, the keys to hide out. Totals published elsewhere (the enrolled
figure is also the occupancy table's "individuals") are `fixed`: never hidden.

A figure derived from a group of people (a share, a cost or an average per participant) is
withheld when the group is under five, for everyone who sees it, whatever their role: "100 %
went on to work" of four people tells what happened to each of the four (issue 21, row 12). It
is also withheld when its base or its part is a hidden count, since the share and the base
shown would give the count back. `withheld` is that rule, once; `share` and `per_person` are
the derived figures built on it, and `derived_text` prints one.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from core.money import round_kronor

SMALL_COUNT = 5
SMALL = f"<{SMALL_COUNT}"
HIDDEN = ".."


@dataclass(frozen=True)
class Suppression:
    primary: frozenset  # 1–4: printed "<5"
    secondary: frozenset  # hidden so that a primary one cannot be worked out: printed ".."

    def show(self, key: Hashable, count: int) -> int | str:
        if key in self.primary:
            return SMALL
        if key in self.secondary:
            return HIDDEN
        return count


def is_small(count: int) -> bool:
    return 0 < count < SMALL_COUNT


def suppress(
    counts: Mapping[Hashable, int],
    groups: Iterable[tuple[Hashable, Sequence[Hashable]]],
    *,
    exempt: Iterable[Hashable] = (),
    fixed: Iterable[Hashable] = (),
) -> Suppression:
    """Hide every small count (but the `exempt` ones, totals that may be small), then, for each
    group `(total, parts)` whose parts add up to its total, hide more until no group has exactly
    one hidden member. `fixed` keys are never hidden."""
    exempt, fixed = set(exempt), set(fixed)
    groups = [(total, list(parts)) for total, parts in groups]
    primary = {key for key, count in counts.items() if is_small(count) and key not in exempt | fixed}
    hidden = set(primary)
    changed = True
    while changed:
        changed = False
        for total, parts in groups:
            members = [total, *parts]
            if sum(member in hidden for member in members) != 1:
                continue
            shown_parts = [part for part in parts if part not in hidden and part not in fixed]
            nonzero = sorted((p for p in shown_parts if counts[p] > 0), key=lambda p: counts[p])
            zero = [p for p in shown_parts if counts[p] == 0]
            total_choice = [total] if total not in hidden and total not in fixed else []
            choice = (nonzero + total_choice + zero)[:1]
            if choice:
                hidden.add(choice[0])
                changed = True
    return Suppression(primary=frozenset(primary), secondary=frozenset(hidden - primary))


def withheld(whole: int, *, hidden: bool = False) -> bool:
    """The house rule for derived figures: none on a group of 1–4 people, nor on a count (base or
    part) that is itself suppressed (`hidden`). An empty group has no figure to withhold."""
    return hidden or is_small(whole)


def share(part: int, whole: int, *, hidden: bool = False) -> Decimal | str | None:
    """`part` of `whole` people in per cent, whole numbers, half up; `HIDDEN` when `withheld`,
    None when the group is empty (there is no share of nobody)."""
    if withheld(whole, hidden=hidden):
        return HIDDEN
    if not whole:
        return None
    return (Decimal(100) * part / whole).quantize(Decimal(1), rounding=ROUND_HALF_UP)


def per_person(amount: Decimal, people: int, *, hidden: bool = False) -> Decimal | str | None:
    """`amount` per person in whole kronor, half up; `HIDDEN` when `withheld`, None for nobody.
    The committee's cost divided by three participants is what each of them cost."""
    if withheld(people, hidden=hidden):
        return HIDDEN
    if not people:
        return None
    return round_kronor(amount / people)


def per_cent(value: Decimal) -> str:
    return f"{value:f} %"


def derived_text(value: Decimal | str | None, show: Callable[[Decimal], str] = per_cent) -> str:
    """How pages and papers print a derived figure: `show(value)`, the marker when it is
    withheld, "–" when there is none."""
    if value is None:
        return "–"
    if isinstance(value, str):
        return value
    return show(value)
