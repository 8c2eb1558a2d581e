"""The budget forecast: what a committee has committed itself to pay in each calendar year.

Every decided agreement counts with its committee cost per calendar year, indexed and prorated
by day exactly as the agreement page shows it (`Agreement.schedule`, partnerships/indexation.py);
nothing is computed here but sums. On the seed data 2023 is 3 595 000 kr (Hoppfull framtid
1 100 000 + Bro-modellen 1 150 000 + Vi Ses! 600 000 + Kompletterande språkträning 295 000 +
IKF 450 000) and IKF's 2024 is 459 000 kr (docs/domain.md, "Figures for the forecast").

Against the committee's budget frame for IOP (`BudgetFrame`, issue 24): each year with a frame
shows what is left within it (negative: over it); partnerships/budget.py warns when a draft or
a renewal would take a year over.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, Decimal

from .models import Agreement


@dataclass(frozen=True)
class ForecastRow:
    agreement: Agreement
    costs: dict[int, Decimal]  # year -> committee cost; years the agreement does not cover are absent

    def cells(self, years: list[int]) -> list[Decimal | None]:
        return [self.costs.get(year) for year in years]


@dataclass(frozen=True)
class Forecast:
    years: list[int]
    rows: list[ForecastRow]
    frames: dict[int, Decimal] = field(default_factory=dict)  # year -> the committee's budget frame

    @property
    def totals(self) -> dict[int, Decimal]:
        return {
            year: sum((row.costs.get(year, Decimal(0)) for row in self.rows), Decimal(0))
            for year in self.years
        }

    def total_for(self, year: int) -> Decimal:
        return self.totals.get(year, Decimal(0))

    def frame_for(self, year: int) -> Decimal | None:
        return self.frames.get(year)

    def left_within_frame(self, year: int) -> Decimal | None:
        """The frame less the committed cost (negative: over the frame); None without a frame."""
        frame = self.frames.get(year)
        return None if frame is None else frame - self.total_for(year)

    @property
    def has_frames(self) -> bool:
        return any(year in self.frames for year in self.years)


def build_forecast(agreements: Iterable[Agreement], frames: dict[int, Decimal] | None = None) -> Forecast:
    """One row per agreement (decided ones only), one column per year any of them covers (and
    any year of the `frames` given: {year: the committee's budget frame})."""
    rows = [
        ForecastRow(
            agreement=agreement,
            costs={amounts.year: amounts.committee_cost for amounts in agreement.schedule()},
        )
        for agreement in agreements
        if agreement.stage == Agreement.Stage.DECIDED
    ]
    frames = dict(frames or {})
    years = sorted({year for row in rows for year in row.costs} | set(frames))
    if years:
        years = list(range(years[0], years[-1] + 1))
    return Forecast(years=years, rows=rows, frames=frames)


@dataclass(frozen=True)
class Bar:
    year: int
    total: Decimal
    x: int
    y: int
    width: int
    height: int

    @property
    def label_x(self) -> int:
        return self.x + self.width // 2


@dataclass(frozen=True)
class Tick:
    value: Decimal
    y: int


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    baseline: int
    bars: list[Bar]
    ticks: list[Tick]
    left: int  # where the plot starts: the axis's labels are left of it

    @property
    def highest(self) -> Bar | None:
        return max(self.bars, key=lambda bar: bar.total, default=None)


def nice_step(top: Decimal, parts: int = 4) -> Decimal:
    """A round step for an axis up to `top` in about `parts` steps: 1, 2 or 5 × a power of ten
    (3 595 000 → 1 000 000)."""
    if top <= 0:
        return Decimal(1)
    raw = top / parts
    power = Decimal(10) ** (len(str(int(raw))) - 1)
    for factor in (1, 2, 5, 10):
        if power * factor >= raw:
            return power * factor
    return power * 10


def bar_chart(
    totals: dict[int, Decimal], *, width: int = 720, height: int = 240, margin: int = 28, left: int = 72
) -> Chart:
    """A bar per year on an axis of round amounts, as coordinates the template writes into an
    inline SVG (drawn on the server: no script, nothing fetched). Issue 25: the chart had no axis,
    no values and no text alternative a reader could use; the template now writes the axis's
    ticks, each bar's value and a description with every year's total."""
    years = sorted(totals)
    plot_height = height - 2 * margin
    largest = max(totals.values(), default=Decimal(0))
    step = nice_step(Decimal(largest))
    top = step * max((Decimal(largest) / step).to_integral_value(rounding=ROUND_CEILING), 1)
    slot = (width - left - margin) // max(len(years), 1)
    bar_width = max(int(slot * 0.7), 1)
    baseline = margin + plot_height

    def y_of(value: Decimal) -> int:
        return baseline - int((Decimal(value) / top * plot_height).to_integral_value())

    bars = []
    for index, year in enumerate(years):
        y = y_of(totals[year])
        bars.append(
            Bar(
                year=year,
                total=totals[year],
                x=left + index * slot + (slot - bar_width) // 2,
                y=y,
                width=bar_width,
                height=baseline - y,
            )
        )
    ticks = [Tick(value=step * n, y=y_of(step * n)) for n in range(int(top / step) + 1)]
    return Chart(width=width, height=height, baseline=baseline, bars=bars, ticks=ticks, left=left)
