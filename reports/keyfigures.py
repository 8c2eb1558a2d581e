"""Key figures per agreement and year, and in sum (issues 12 and 24): ONE builder,
`build_key_figures`, read by every output — the agreement page, the follow-up memo (and so its
PDF and Word file), the overview workbook, the key-figures export and the API.

From the agreement's money (`Agreement.schedule`: the year's committee cost and value, indexed
and prorated by day), its parties and the participant figures
(`participants.statistics.yearly_figures`):
- capacity, full-year places used (helårsplatser) and utilisation: places used ÷ the place
  capacity, or individuals ÷ the individual capacity (IKF: 60 individer per år);
- committee cost per full-year place used and per participant enrolled, with the utilisation
  beside it (issue 24: "174 187 kr per used place" means little without "16 % of the places");
- co-financing: each party's promised contribution (the committee's cost; each partner's stated
  in-kind contribution, else value − cost for a single partner) and what the partner reported
  (`reported_contributions`, the follow-up's hook) and the ratio partners ÷ committee;
- the share of ended placements that ended in work or studies, and the share in work or studies
  6 and 12 months after the end (participants/models/outcomes.py) of those followed up;
and the previous year's figures beside them (`previous`).

By gender: enrolled, ended, in work or studies at the end, at 6 and at 12 months, and those
shares. Costs are not split by gender: the committee pays for the activity, not per person.

A committee's figures add up its decided agreements of the year; "participants" then counts
enrolments (one person in two activities counts in both), as the yearly follow-ups do.
Counts under five are suppressed for whoever may not see individuals
(`participants.disclosure.suppress`). A figure derived from people (a share, the cost per
participant, the utilisation of an individual capacity) is withheld for everyone when its group
is under five or a count it rests on is hidden: such a property holds the marker ".." instead of
a Decimal (`participants.disclosure.share`, `per_person`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import prefetch_related_objects

from participants.disclosure import HIDDEN, per_person, share, suppress, withheld
from participants.models import OUTCOME_MONTHS, WORK_OR_STUDIES_SITUATIONS, EndReason, Gender
from participants.occupancy import INDIVIDUALS, PLACES, full_year_places
from participants.statistics import yearly_figures
from partnerships.indexation import round_kronor
from partnerships.models import Agreement

from .models import FollowUp

WORK_OR_STUDIES = (EndReason.WORK, EndReason.STUDIES)
TWO_DECIMALS = Decimal("0.01")
# The gender table's counts, in order: at the end, then after 6 and 12 months.
MEASURES = (
    "enrolled",
    "ended",
    "work_or_studies",
    *[f"{p}_{m}" for m in OUTCOME_MONTHS for p in ("followed_up", "work_or_studies")],
)


def _zeros() -> dict[str, int]:
    return {value: 0 for value in Gender.values}


def _months(default) -> dict[int, object]:
    return {months: default() for months in OUTCOME_MONTHS}


@dataclass
class Contribution:
    """One party's part of the financing in one year: promised (per the agreement) and reported
    (per the approved follow-up, None until a follow-up holds it)."""

    party: str
    promised: Decimal | None
    reported: Decimal | None = None
    committee: bool = False


@dataclass
class KeyFigures:
    """One agreement's (or a sum's) key figures for one calendar year."""

    year: int
    committee_cost: Decimal = Decimal(0)
    partner_contribution: Decimal = Decimal(0)
    contributions: list[Contribution] = field(default_factory=list)
    placement_days: int = 0
    capacity_places: Decimal = Decimal(0)  # of the agreements whose capacity is in places
    days_in_place_capacity: int = 0  # their placement days
    capacity_individuals: Decimal = Decimal(0)  # of those whose capacity is individuals per year
    individuals_in_capacity: int = 0  # their individuals
    enrolled: int = 0
    ended: int = 0
    ended_in_work_or_studies: int = 0
    enrolled_by_gender: dict[str, int] = field(default_factory=_zeros)
    ended_by_gender: dict[str, int] = field(default_factory=_zeros)
    work_or_studies_by_gender: dict[str, int] = field(default_factory=_zeros)
    # months → gender → placements ended this year with that outcome recorded / in work or studies
    followed_up_by_gender: dict[int, dict[str, int]] = field(default_factory=lambda: _months(_zeros))
    work_or_studies_after_by_gender: dict[int, dict[str, int]] = field(
        default_factory=lambda: _months(_zeros)
    )
    previous: KeyFigures | None = None

    @property
    def full_year_places(self) -> Decimal:
        return full_year_places(self.placement_days, self.year)

    @property
    def places_utilisation(self) -> Decimal | None:
        """Full-year places used ÷ place capacity, per cent, whole, half up; None without one."""
        if not self.capacity_places:
            return None
        used = full_year_places(self.days_in_place_capacity, self.year)
        return (Decimal(100) * used / self.capacity_places).quantize(Decimal(1), rounding=ROUND_HALF_UP)

    @property
    def individuals_utilisation(self) -> Decimal | str | None:
        """Individuals ÷ individual capacity, per cent; withheld on 1–4 individuals."""
        if not self.capacity_individuals:
            return None
        if withheld(self.individuals_in_capacity):
            return HIDDEN
        return (Decimal(100) * self.individuals_in_capacity / self.capacity_individuals).quantize(
            Decimal(1), rounding=ROUND_HALF_UP
        )

    @property
    def utilisation(self) -> Decimal | str | None:
        """The capacity used, in the places' unit where there is one, else in individuals."""
        return self.places_utilisation if self.capacity_places else self.individuals_utilisation

    @property
    def cost_per_place(self) -> Decimal | None:
        """Committee cost ÷ full-year places used, whole kronor; None when no place was used."""
        places = self.full_year_places
        return round_kronor(self.committee_cost / places) if places else None

    @property
    def cost_per_participant(self) -> Decimal | str | None:
        """Committee cost ÷ participants enrolled; withheld under five (participants.disclosure)."""
        return per_person(self.committee_cost, self.enrolled)

    @property
    def co_financing_ratio(self) -> Decimal | None:
        """Partner contribution ÷ committee cost, two decimals, half up."""
        if not self.committee_cost:
            return None
        return (self.partner_contribution / self.committee_cost).quantize(
            TWO_DECIMALS, rounding=ROUND_HALF_UP
        )

    @property
    def work_or_studies_share(self) -> Decimal | str | None:
        """Per cent of the ended placements; withheld under five ended (participants.disclosure)."""
        return share(self.ended_in_work_or_studies, self.ended)

    def followed_up(self, months: int) -> int:
        return sum(self.followed_up_by_gender[months].values())

    def work_or_studies_after(self, months: int) -> int:
        return sum(self.work_or_studies_after_by_gender[months].values())

    def share_after(self, months: int) -> Decimal | str | None:
        """Per cent in work or studies `months` after the end, of the placements ended this year
        whose outcome was recorded; withheld under five followed up."""
        return share(self.work_or_studies_after(months), self.followed_up(months))

    def add(self, other: KeyFigures) -> None:
        """Add `other` (one agreement's figures) into this sum; `previous` is summed apart."""
        for name in (
            "committee_cost",
            "partner_contribution",
            "placement_days",
            "capacity_places",
            "days_in_place_capacity",
            "capacity_individuals",
            "individuals_in_capacity",
            "enrolled",
            "ended",
            "ended_in_work_or_studies",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for key in Gender.values:
            self.enrolled_by_gender[key] += other.enrolled_by_gender[key]
            self.ended_by_gender[key] += other.ended_by_gender[key]
            self.work_or_studies_by_gender[key] += other.work_or_studies_by_gender[key]
            for months in OUTCOME_MONTHS:
                self.followed_up_by_gender[months][key] += other.followed_up_by_gender[months][key]
                self.work_or_studies_after_by_gender[months][key] += other.work_or_studies_after_by_gender[
                    months
                ][key]

    def counts(self, measure: str) -> tuple[dict[str, int], int]:
        """A measure of the gender table (`MEASURES`): its count per gender and its total."""
        if measure.startswith(("followed_up_", "work_or_studies_")) and measure[-1].isdigit():
            name, months = measure.rsplit("_", 1)
            by_gender = (
                self.followed_up_by_gender if name == "followed_up" else self.work_or_studies_after_by_gender
            )[int(months)]
            return by_gender, sum(by_gender.values())
        by_gender = getattr(self, f"{measure}_by_gender")
        return by_gender, {"enrolled": self.enrolled, "ended": self.ended}.get(
            measure, self.ended_in_work_or_studies
        )

    def gender_rows(self, *, masked: bool) -> list[dict]:
        """One row per gender: each of `MEASURES` and the shares in work or studies at the end
        (`share`) and after 6 and 12 months (`share_6`, `share_12`). With `masked`, counts of 1–4
        print "<5", a second count of a column is hidden ("..") where the small one could be
        worked out from the total (participants.disclosure). A share is withheld, masked or not,
        on fewer than five or when a count it is built on is hidden."""
        counts = {}
        for measure in MEASURES:
            by_gender, total = self.counts(measure)
            counts.update({(measure, key): by_gender[key] for key in Gender.values})
            counts[(measure,)] = total
        groups = [((measure,), [(measure, key) for key in Gender.values]) for measure in MEASURES]
        shown = suppress(counts, groups, fixed=[(measure,) for measure in MEASURES]) if masked else None

        def cell(measure: str, key: str) -> int | str:
            count = counts[(measure, key)]
            return shown.show((measure, key), count) if shown is not None else count

        def hidden(key: str, *measures: str) -> bool:
            return shown is not None and any((m, key) in shown.primary | shown.secondary for m in measures)

        rows = []
        for key, label in Gender.choices:
            row = {"gender": key, "label": label, **{measure: cell(measure, key) for measure in MEASURES}}
            row["share"] = share(
                counts[("work_or_studies", key)],
                counts[("ended", key)],
                hidden=hidden(key, "ended", "work_or_studies"),
            )
            for months in OUTCOME_MONTHS:
                base, part = f"followed_up_{months}", f"work_or_studies_{months}"
                row[f"share_{months}"] = share(
                    counts[(part, key)], counts[(base, key)], hidden=hidden(key, base, part)
                )
            rows.append(row)
        return rows


def reported_contributions(follow_up: FollowUp | None) -> dict[int | None, Decimal]:
    """What the parties reported they contributed in the follow-up's year, keyed by partner id
    (None: the committee). The hook for the partner's follow-up fields of issue 24 (built
    apart): a follow-up that has `reported_contributions_by_partner()` gives them; until then,
    or without an approved follow-up, nothing is reported and the figures show the promised
    contributions only."""
    reader = getattr(follow_up, "reported_contributions_by_partner", None)
    if follow_up is None or not callable(reader):
        return {}
    return {partner: Decimal(amount) for partner, amount in (reader() or {}).items() if amount is not None}


def _contributions(
    agreement: Agreement, committee_cost: Decimal, partner_total: Decimal, reported: dict
) -> list[Contribution]:
    """The committee's cost, then each party's stated in-kind contribution (a municipal
    co-financier such as bildningsnämnden too); a single party with none stated brings all of
    value − cost (docs/domain.md, "Motpartens insats"). Stated amounts are per year as agreed."""
    parties = list(agreement.parties.all())
    rows = [Contribution(agreement.committee.name, committee_cost, reported.get(None), committee=True)]
    for party in parties:
        promised = party.in_kind_contribution
        if promised is None and len(parties) == 1:
            promised = partner_total
        rows.append(Contribution(party.partner.name, promised, reported.get(party.partner_id)))
    return rows


def _by_agreement(agreements: Iterable[Agreement], year: int) -> dict[int, KeyFigures]:
    """Key figures for `year` keyed by agreement id, without the previous year; the participant
    figures in the four queries of `yearly_figures`, whatever the number of agreements."""
    agreements = list(agreements)
    prefetch_related_objects(agreements, "amendments", "parties__partner", "committee")
    participation = yearly_figures(agreements, year)
    follow_ups = {
        f.agreement_id: f
        for f in FollowUp.objects.approved()
        .filter(agreement__in=[a.pk for a in agreements], year=year)
        .prefetch_related("contributions__party")
    }
    result = {}
    for agreement in agreements:
        money = next((amounts for amounts in agreement.schedule() if amounts.year == year), None)
        committee_cost = money.committee_cost if money else Decimal(0)
        partner_total = money.partner_contribution if money else Decimal(0)
        figures = participation[agreement.pk]
        capacity = Decimal(agreement.capacity_amount) if agreement.capacity_amount is not None else Decimal(0)
        unit = agreement.capacity_unit if capacity else ""
        result[agreement.pk] = KeyFigures(
            year=year,
            committee_cost=committee_cost,
            partner_contribution=partner_total,
            contributions=_contributions(
                agreement, committee_cost, partner_total, reported_contributions(follow_ups.get(agreement.pk))
            ),
            placement_days=figures.placement_days,
            capacity_places=capacity if unit == PLACES else Decimal(0),
            days_in_place_capacity=figures.placement_days if unit == PLACES else 0,
            capacity_individuals=capacity if unit == INDIVIDUALS else Decimal(0),
            individuals_in_capacity=figures.enrolled if unit == INDIVIDUALS else 0,
            enrolled=figures.enrolled,
            ended=figures.ended,
            ended_in_work_or_studies=sum(figures.ended_by_reason[reason] for reason in WORK_OR_STUDIES),
            enrolled_by_gender=dict(figures.enrolled_by_gender),
            ended_by_gender=dict(figures.ended_by_gender),
            work_or_studies_by_gender={
                key: sum(figures.ended_by_reason_and_gender[reason][key] for reason in WORK_OR_STUDIES)
                for key in Gender.values
            },
            followed_up_by_gender={
                months: {
                    key: sum(by[key] for by in figures.outcomes[months].values()) for key in Gender.values
                }
                for months in OUTCOME_MONTHS
            },
            work_or_studies_after_by_gender={
                months: {
                    key: sum(figures.outcomes[months][s][key] for s in WORK_OR_STUDIES_SITUATIONS)
                    for key in Gender.values
                }
                for months in OUTCOME_MONTHS
            },
        )
    return result


def _valid_in(agreements: Iterable[Agreement], year: int) -> list[Agreement]:
    return [a for a in agreements if a.valid_from.year <= year <= a.valid_to.year]


@dataclass
class KeyFiguresReport:
    """The key figures of a year: one row per agreement, the sum, and the sum per committee,
    each with its previous year (`KeyFigures.previous`)."""

    year: int
    rows: list[tuple[Agreement, KeyFigures]]
    total: KeyFigures
    committees: list[tuple[object, KeyFigures]]

    def of(self, agreement: Agreement) -> KeyFigures:
        return next(one for a, one in self.rows if a.pk == agreement.pk)


def _sum(year: int, figures: Iterable[KeyFigures]) -> KeyFigures:
    total = KeyFigures(year=year)
    for one in figures:
        total.add(one)
    return total


def build_key_figures(
    agreements: Iterable[Agreement], year: int, *, previous_agreements: Iterable[Agreement] | None = None
) -> KeyFiguresReport:
    """THE key-figures builder. A row for each of `agreements` that ran in `year` (in the order
    given), their sum and each committee's sum, each beside its previous year: an agreement's
    own figures of `year` − 1 (None when it did not run then), and for a sum the agreements of
    `previous_agreements` (default: `agreements`) that ran in `year` − 1 — a committee's
    previous year includes an agreement that has ended since. Callers pass the agreements the
    user may see (decided ones, for a committee's figures)."""
    current = _valid_in(agreements, year)
    before = _valid_in(current if previous_agreements is None else previous_agreements, year - 1)
    before_pks = {a.pk for a in before}
    for agreement in current:  # one agreement's previous year is its own
        if agreement.pk not in before_pks and agreement.valid_from.year <= year - 1:
            before.append(agreement)
            before_pks.add(agreement.pk)
    now, then = _by_agreement(current, year), _by_agreement(before, year - 1)
    rows = []
    for agreement in current:
        one = now[agreement.pk]
        one.previous = then.get(agreement.pk)
        rows.append((agreement, one))
    total = _sum(year, now.values())
    total.previous = _sum(year - 1, then.values())
    committees = []
    for committee in sorted({a.committee for a in current}, key=lambda c: c.name):
        one = _sum(year, (now[a.pk] for a in current if a.committee_id == committee.pk))
        one.previous = _sum(year - 1, (then[a.pk] for a in before if a.committee_id == committee.pk))
        committees.append((committee, one))
    return KeyFiguresReport(year=year, rows=rows, total=total, committees=committees)
