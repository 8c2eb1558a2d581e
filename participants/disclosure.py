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
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

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
