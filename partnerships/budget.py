"""Would an agreement take its committee over the budget frame for IOP? (issue 24)

The committed cost of a year is the forecast's (partnerships/forecast.py: decided agreements,
indexed and prorated by day). A draft or a renewal is not committed yet, so it is checked by
adding its own cost to what the other decided agreements commit: a year where that sum passes
the committee's frame is a `FrameExcess`. The official who saves it sees a warning at once
(the agreement form, the renewal, through `warn`), and the responsible official gets a
reminder, in the app and by e-mail (notifications/reminders.py): at once, through the listener
notifications registers here (`on_excess`; partnerships may not import notifications,
tests/test_import_layers.py), and from the daily job for any draft still over the frame.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from core.formatting import format_kr

from .forecast import build_forecast
from .models import Agreement, BudgetFrame


@dataclass(frozen=True)
class FrameExcess:
    year: int
    frame: Decimal
    committed: Decimal  # what the committee's other decided agreements commit that year
    cost: Decimal  # this agreement's committee cost that year

    @property
    def total(self) -> Decimal:
        return self.committed + self.cost

    @property
    def over_by(self) -> Decimal:
        return self.total - self.frame

    def sentence(self, agreement: Agreement) -> str:
        return _(
            "With “%(name)s”, %(committee)s would commit %(total)s in %(year)s, %(over)s over its "
            "budget frame for IOP of %(frame)s."
        ) % {
            "name": agreement.name,
            "committee": agreement.committee.abbreviation,
            "total": format_kr(self.total),
            "year": self.year,
            "over": format_kr(self.over_by),
            "frame": format_kr(self.frame),
        }


def frame_excesses(agreement: Agreement) -> list[FrameExcess]:
    """The years in which the agreement, added to the other decided agreements of its committee,
    passes the committee's budget frame (years without a frame are not checked)."""
    frames = BudgetFrame.objects.by_year(agreement.committee_id)
    if not frames:
        return []
    costs = {amounts.year: amounts.committee_cost for amounts in agreement.schedule()}
    if not set(costs) & set(frames):
        return []
    others = (
        Agreement.objects.for_forecast().filter(committee=agreement.committee_id).exclude(pk=agreement.pk)
    )
    committed = build_forecast(others)
    excesses = []
    for year in sorted(set(costs) & set(frames)):
        excess = FrameExcess(
            year=year, frame=frames[year], committed=committed.total_for(year), cost=costs[year]
        )
        if excess.total > excess.frame:
            excesses.append(excess)
    return excesses


Listener = Callable[[Agreement, list[FrameExcess]], None]
_listeners: list[Listener] = []


def on_excess(listener: Listener) -> None:
    """Register a listener told of every draft saved over the frame (once per function)."""
    if listener not in _listeners:
        _listeners.append(listener)


def warn(agreement: Agreement) -> list[str]:
    """After `agreement` was saved or renewed: the warnings to show whoever did it, one sentence
    a year over the frame; a draft's excesses are also passed to the listeners."""
    excesses = frame_excesses(agreement)
    if excesses and agreement.stage == Agreement.Stage.DRAFT:
        for listener in _listeners:
            listener(agreement, excesses)
    return [excess.sentence(agreement) for excess in excesses]
