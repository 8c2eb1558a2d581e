"""Capacity and occupancy of an agreement's activity, per calendar year.

Capacity is contractual and stated in one of two units (seeds 000 and 003):
- full-year places (helårsplatser: "arbetslik aktivitet (40 helårsplatser)"): one person for a
  whole year is one place, for half a year half a place. Places used in year Y =
  Σ days of Y covered by each placement ÷ days in Y. A person placed 1 Jul – 31 Dec 2023
  uses 184/365 of a place. Days per week do not weigh: the contract counts places, not hours.
- individuals per year (IKF: "Överenskommelsen omfattar 60 individer per år"): the distinct
  participants with a placement covering at least one day of Y.
An agreement without a stated capacity has no limit; its figures are still shown.

Which days a placement covers: from its start to its actual end; while it is open (no actual
end) to its planned end; open with no planned end, to the last day of the agreement. So an
open placement reserves its place for as long as it may run, and a coordinator cannot
over-assign by leaving the planned end empty.

The arithmetic here is pure; the sums come from the per-year usage the placements keep
(`usage_by_agreement`, participants/usage.py) or from the placements in one query
(`live_usage_by_agreement`, `usage_by_year`: the capacity check reads the placements themselves).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db import connection
from django.db.models import Count, DateField, F, Q, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from partnerships.indexation import days_in_year
from partnerships.models import Agreement

from .dbfunctions import InIds, date_value, overlap_days

PLACES = Agreement.CapacityUnit.FULL_YEAR_PLACES
INDIVIDUALS = Agreement.CapacityUnit.INDIVIDUALS_PER_YEAR
ONE_DECIMAL = Decimal("0.1")


def full_year_places(days: int, year: int) -> Decimal:
    """Days of placement in `year` as full-year places: 184 days of 2023 → 184/365 ≈ 0.504."""
    return Decimal(days) / Decimal(days_in_year(year))


def format_one_decimal(value: Decimal) -> str:
    """Swedish, one decimal, half up: 32.45 → "32,5", 40 → "40,0"."""
    return f"{Decimal(value).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP):f}".replace(".", ",")


def plural_count(value: Decimal | int | str) -> int:
    """The number ngettext chooses singular or plural by: 1 (and 1,0) is singular, a fraction
    ("0,5 helårsplatser"), every other number and a suppressed count (participants.disclosure:
    ".." or "<5") plural."""
    if not isinstance(value, int | Decimal):
        return 2
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else 2


def format_capacity(amount: Decimal) -> str:
    """A stated capacity as the contract states it: 40 → "40", 40.5 → "40,5"."""
    text = f"{Decimal(amount).normalize():f}"
    return text.replace(".", ",")


@dataclass(frozen=True)
class Occupancy:
    """What an agreement's activity used of its capacity in one calendar year."""

    year: int
    placement_days: int
    individuals: int
    capacity_amount: Decimal | None
    capacity_unit: str

    @classmethod
    def for_agreement(
        cls, agreement: Agreement, year: int, placement_days: int = 0, individuals: int = 0
    ) -> Occupancy:
        return cls(
            year=year,
            placement_days=placement_days or 0,
            individuals=individuals or 0,
            capacity_amount=agreement.capacity_amount,
            capacity_unit=agreement.capacity_unit if agreement.capacity_amount is not None else "",
        )

    @property
    def full_year_places(self) -> Decimal:
        return full_year_places(self.placement_days, self.year)

    @property
    def has_capacity(self) -> bool:
        return self.capacity_amount is not None

    @property
    def used(self) -> Decimal:
        """Use in the capacity's own unit (places, or individuals)."""
        if self.capacity_unit == INDIVIDUALS:
            return Decimal(self.individuals)
        return self.full_year_places

    @property
    def room(self) -> Decimal | None:
        """Capacity left in its unit, never below zero; None when no capacity is stated."""
        if not self.has_capacity:
            return None
        return max(Decimal(self.capacity_amount) - self.used, Decimal(0))

    @property
    def free_share(self) -> Decimal | None:
        """Room as a share of the capacity (0–1), to compare agreements with different units."""
        if not self.has_capacity:
            return None
        return self.room / Decimal(self.capacity_amount)

    @property
    def is_full(self) -> bool:
        return self.has_capacity and self.room <= 0

    @property
    def places_display(self) -> str:
        """ "32,5 av 40 helårsplatser", or "32,5 helårsplatser" without a stated place capacity."""
        used = format_one_decimal(self.full_year_places)
        if self.capacity_unit == PLACES:
            return ngettext(
                "%(used)s of %(capacity)s full-year place",
                "%(used)s of %(capacity)s full-year places",
                plural_count(self.capacity_amount),
            ) % {"used": used, "capacity": format_capacity(self.capacity_amount)}
        return ngettext(
            "%(used)s full-year place", "%(used)s full-year places", plural_count(self.full_year_places)
        ) % {"used": used}

    @property
    def individuals_display(self) -> str:
        """ "54 av 60 individer", or "54 individer" without a stated individual capacity."""
        if self.capacity_unit == INDIVIDUALS:
            return ngettext(
                "%(used)s of %(capacity)s individual",
                "%(used)s of %(capacity)s individuals",
                plural_count(self.capacity_amount),
            ) % {"used": self.individuals, "capacity": format_capacity(self.capacity_amount)}
        return ngettext("%(count)d individual", "%(count)d individuals", self.individuals) % {
            "count": self.individuals
        }

    @property
    def display(self) -> str:
        """The figure in the contract's unit first: places for place agreements, else individuals."""
        if self.capacity_unit == PLACES:
            return self.places_display
        return self.individuals_display

    @property
    def room_display(self) -> str:
        if not self.has_capacity:
            return _("no capacity stated")
        if self.capacity_unit == PLACES:
            return ngettext(
                "%(room)s full-year place free", "%(room)s full-year places free", plural_count(self.room)
            ) % {"room": format_one_decimal(self.room)}
        room = int(self.room)
        return ngettext("%(room)d individual free", "%(room)d individuals free", room) % {"room": room}


def fits(
    *,
    capacity_amount: Decimal | None,
    capacity_unit: str,
    year: int,
    used_days: int,
    used_individuals: int,
    added_days: int,
    adds_individual: bool,
) -> bool:
    """Whether one more placement fits `year`'s capacity. Compared in whole days
    (capacity × days in the year), so 40 places hold exactly 40 × 365 placement days."""
    if capacity_amount is None or added_days <= 0:
        return True
    if capacity_unit == INDIVIDUALS:
        return used_individuals + (1 if adds_individual else 0) <= capacity_amount
    return used_days + added_days <= Decimal(capacity_amount) * days_in_year(year)


def usage_query(agreements: list[Agreement], year: int):
    """Each agreement's days of `year`, distinct individuals and open placements (neither an
    actual nor a planned end), one row per agreement; see `usage_sql`."""
    from .models import Placement

    first, last = date(year, 1, 1), date(year, 12, 31)
    # A placement lies within its agreement's validity (a form rule, and on PostgreSQL the
    # placement_within_agreement trigger), so only agreements valid in `year` can have used it:
    # the others' placements are not read at all.
    valid = [a.pk for a in agreements if a.valid_from <= last and a.valid_to >= first]
    # An open placement counts to its agreement's end; here to the year's end, which is the same
    # for an agreement running past the year and is corrected in Python for one ending within it
    # (`usage_by_agreement`), so the agreement table is not joined.
    until = Coalesce(F("actual_end"), F("planned_end"), date_value(last), output_field=DateField())
    return (
        Placement.objects.filter(InIds("agreement", valid), start__lte=date_value(last))
        .alias(until=until)
        .filter(until__gte=date_value(first))
        .values(agreement_pk=F("agreement"))
        .annotate(
            days=Sum(overlap_days(first, last, until)),
            individuals=Count("participant", distinct=True),
            # `start`, not `pk`: a column of the index, so PostgreSQL need not read the table
            open=Count("start", filter=Q(actual_end__isnull=True, planned_end__isnull=True)),
        )
        .order_by("agreement_pk")
    )


def usage_sql(agreements: list[Agreement], year: int) -> tuple[str, tuple]:
    """One statement: each agreement's days, distinct individuals and open placements in `year`.

    Grouped by agreement in agreement order, which the `placement_occupancy` index gives
    (agreement, start, and the other columns the sums read): PostgreSQL reads the year's
    placements of the agreements valid that year from the index alone, joins nothing, and
    aggregates one agreement at a time, each distinct count sorting the few dozen rows of its
    own agreement in memory. The earlier shapes were a sort of every row that spilled to disk at
    100,000 placements (one `COUNT(DISTINCT)` over unordered rows), then two hash aggregates (per
    agreement and participant, then per agreement) over a join with the agreements, 2-3× faster
    than reading every placement into Python (issue 10).
    """
    return usage_query(agreements, year).query.sql_with_params()


def usage_by_agreement(agreements: Iterable[Agreement], year: int) -> dict[int, Occupancy]:
    """Each agreement's occupancy in `year`, keyed by agreement id, from the per-year usage the
    placements keep (participants/usage.py, issue 22): two queries whatever the number of
    agreements and placements (plus one to evaluate `agreements` if it is a queryset).
    `live_usage_by_agreement` counts the same from the placements."""
    from . import usage

    agreements = list(agreements)
    if not agreements:
        return {}
    usage.current((a.pk, a.valid_to) for a in agreements)
    sums: dict[int, list[int]] = {}
    for row in usage.rows([a.pk for a in agreements], year):
        days_and_people = sums.setdefault(row.agreement_id, [0, 0])
        days_and_people[0] += row.placement_days
        days_and_people[1] += row.individuals
    return {
        agreement.pk: Occupancy.for_agreement(agreement, year, *sums.get(agreement.pk, (0, 0)))
        for agreement in agreements
    }


def live_usage_by_agreement(agreements: Iterable[Agreement], year: int) -> dict[int, Occupancy]:
    """`usage_by_agreement` counted from the placements, in one query (`usage_sql`): what the
    per-year usage must always equal, and what the capacity check inside a lock reads."""
    agreements = list(agreements)
    if not agreements:
        return {}
    sql, params = usage_sql(agreements, year)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        sums = {pk: (days, individuals, open_) for pk, days, individuals, open_ in cursor.fetchall()}
    last = date(year, 12, 31)
    usage = {}
    for agreement in agreements:
        days, individuals, open_ = sums.get(agreement.pk, (0, 0, 0))
        if open_ and agreement.valid_to < last:
            # its open placements were counted to 31 December, each one day too many for every
            # day between the agreement's end and the year's (see `usage_query`)
            days -= open_ * (last - agreement.valid_to).days
        usage[agreement.pk] = Occupancy.for_agreement(agreement, year, days, individuals)
    return usage


@dataclass(frozen=True)
class YearUsage:
    year: int
    days: int
    individuals: int
    includes_participant: bool


def usage_by_year(agreement: Agreement, years: Iterable[int], participant=None) -> dict[int, YearUsage]:
    """Placement days and distinct individuals of `agreement` in each of `years`, and whether
    `participant` is already among those individuals, in one query (conditional aggregates)."""
    from .models import Placement

    years = sorted(set(years))
    if not years:
        return {}
    placements = Placement.objects.filter(agreement=agreement).with_counts_until()
    aggregates = {}
    for year in years:
        first, last = date(year, 1, 1), date(year, 12, 31)
        covers = Q(start__lte=date_value(last), counts_until__gte=date_value(first))
        aggregates[f"days_{year}"] = Sum(overlap_days(first, last), filter=covers)
        aggregates[f"individuals_{year}"] = Count("participant", distinct=True, filter=covers)
        if participant is not None:
            aggregates[f"own_{year}"] = Count("pk", filter=covers & Q(participant=participant))
    sums = placements.aggregate(**aggregates)
    return {
        year: YearUsage(
            year=year,
            days=sums[f"days_{year}"] or 0,
            individuals=sums[f"individuals_{year}"] or 0,
            includes_participant=bool(sums.get(f"own_{year}")),
        )
        for year in years
    }


def occupancy_by_year(agreement: Agreement) -> list[Occupancy]:
    """The agreement's occupancy in every calendar year of its validity, in one query."""
    years = range(agreement.valid_from.year, agreement.valid_to.year + 1)
    usage = usage_by_year(agreement, years)
    return [
        Occupancy.for_agreement(agreement, year, usage[year].days, usage[year].individuals) for year in years
    ]


def agreement_years(agreement: Agreement) -> list[int]:
    return list(range(agreement.valid_from.year, agreement.valid_to.year + 1))


def choose_year(agreement: Agreement, requested: int | None, today: date) -> int:
    """The year to show for `agreement`: the one asked for if the agreement covers it, else this
    year clamped to the agreement's validity (an ended agreement shows its last year)."""
    years = agreement_years(agreement)
    if requested in years:
        return requested
    return min(max(today.year, years[0]), years[-1])
