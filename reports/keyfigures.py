"""Key figures per agreement and year, and per committee and year (issue 12).

From the agreement's money (`Agreement.schedule`: the year's committee cost and value, indexed
and prorated by day) and the participant figures (`participants.statistics.yearly_figures`):
- committee cost per full-year place used, and per participant enrolled;
- co-financing ratio: the partners' contribution ÷ the committee's cost (seed 003: IKF
  "bidrar med lokaler och personalresurser till ett värde om minst 450 000 kronor per år"
  against 450 000 kr from the committee → 1,00);
- the share of ended placements that ended in work or studies.
By gender: enrolled, ended, ended in work or studies and that share. Costs are not split by
gender: the committee pays for the activity, not per person, so a cost per woman would be a
figure without meaning.

A committee's figures add up its decided agreements of the year; "participants" then counts
enrolments (one person in two activities counts in both), as the yearly follow-ups do.
Counts under five are suppressed, as in the yearly figures, for whoever may not see individuals
(`participants.disclosure.suppress`, with a second cell hidden where one could be worked out).
A figure derived from people (the share in work or studies, the cost per participant) is withheld
for everyone when its group is under five or its count is hidden (`participants.disclosure.share`
and `per_person`): such a property holds the marker ".." instead of a Decimal.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import prefetch_related_objects

from participants.disclosure import per_person, share, suppress
from participants.models import EndReason, Gender, Participant, Placement
from participants.occupancy import full_year_places
from participants.statistics import yearly_figures
from partnerships.indexation import period_amounts_for_year, round_kronor
from partnerships.models import Agreement, Amendment, Committee

WORK_OR_STUDIES = (EndReason.WORK, EndReason.STUDIES)
# What key figures are built from, for caches of them (core/versioncache.py): the money of
# agreements and amendments, the placements and the participants' genders.
KEY_FIGURES_SHOWN = (Committee, Agreement, Amendment, Placement, Participant)
TWO_DECIMALS = Decimal("0.01")


def _zeros() -> dict[str, int]:
    return {value: 0 for value in Gender.values}


@dataclass
class KeyFigures:
    """One agreement's (or one committee's) key figures for one calendar year."""

    year: int
    committee_cost: Decimal = Decimal(0)
    partner_contribution: Decimal = Decimal(0)
    placement_days: int = 0
    enrolled: int = 0
    ended: int = 0
    ended_in_work_or_studies: int = 0
    enrolled_by_gender: dict[str, int] = field(default_factory=_zeros)
    ended_by_gender: dict[str, int] = field(default_factory=_zeros)
    work_or_studies_by_gender: dict[str, int] = field(default_factory=_zeros)

    @property
    def full_year_places(self) -> Decimal:
        return full_year_places(self.placement_days, self.year)

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

    def add(self, other: KeyFigures) -> None:
        self.committee_cost += other.committee_cost
        self.partner_contribution += other.partner_contribution
        self.placement_days += other.placement_days
        self.enrolled += other.enrolled
        self.ended += other.ended
        self.ended_in_work_or_studies += other.ended_in_work_or_studies
        for key in Gender.values:
            self.enrolled_by_gender[key] += other.enrolled_by_gender[key]
            self.ended_by_gender[key] += other.ended_by_gender[key]
            self.work_or_studies_by_gender[key] += other.work_or_studies_by_gender[key]

    def gender_rows(self, *, masked: bool) -> list[dict]:
        """One row per gender: enrolled, ended, ended in work or studies, that share. With
        `masked`, counts of 1–4 print "<5", a second count of the column is hidden ("..") where
        the small one could be worked out from the total (participants.disclosure). The share is
        withheld, masked or not, when fewer than five ended or a count it is built on is hidden."""
        measures = {
            "enrolled": self.enrolled_by_gender,
            "ended": self.ended_by_gender,
            "work_or_studies": self.work_or_studies_by_gender,
        }
        totals = {
            "enrolled": self.enrolled,
            "ended": self.ended,
            "work_or_studies": self.ended_in_work_or_studies,
        }
        counts = {
            (measure, key): by_gender[key] for measure, by_gender in measures.items() for key in Gender.values
        }
        counts.update({(measure,): total for measure, total in totals.items()})
        groups = [((measure,), [(measure, key) for key in Gender.values]) for measure in measures]
        shown = suppress(counts, groups, fixed=[(measure,) for measure in measures]) if masked else None

        def cell(measure: str, key: str) -> int | str:
            count = counts[(measure, key)]
            return shown.show((measure, key), count) if shown is not None else count

        rows = []
        for key, label in Gender.choices:
            ended = self.ended_by_gender[key]
            hidden = shown is not None and any(
                (m, key) in shown.primary | shown.secondary for m in ("ended", "work_or_studies")
            )
            rows.append(
                {
                    "gender": key,
                    "label": label,
                    "enrolled": cell("enrolled", key),
                    "ended": cell("ended", key),
                    "work_or_studies": cell("work_or_studies", key),
                    "share": share(self.work_or_studies_by_gender[key], ended, hidden=hidden),
                }
            )
        return rows


def key_figures(agreements: Iterable[Agreement], year: int) -> dict[int, KeyFigures]:
    """Key figures for `year` keyed by agreement id; the participant figures in the three queries
    of `yearly_figures`, whatever the number of agreements."""
    agreements = list(agreements)
    prefetch_related_objects(agreements, "amendments")  # each schedule reads its amount periods
    participation = yearly_figures(agreements, year)
    result = {}
    for agreement in agreements:
        money = (
            period_amounts_for_year(agreement.amount_periods(), end=agreement.valid_to, year=year)
            if agreement.valid_from.year <= year <= agreement.valid_to.year
            else None
        )  # the year's entry of `agreement.schedule()`, without the other years'
        figures = participation[agreement.pk]
        one = KeyFigures(
            year=year,
            committee_cost=money.committee_cost if money else Decimal(0),
            partner_contribution=money.partner_contribution if money else Decimal(0),
            placement_days=figures.placement_days,
            enrolled=figures.enrolled,
            ended=figures.ended,
            ended_in_work_or_studies=sum(figures.ended_by_reason[reason] for reason in WORK_OR_STUDIES),
            enrolled_by_gender=dict(figures.enrolled_by_gender),
            ended_by_gender=dict(figures.ended_by_gender),
            work_or_studies_by_gender={
                key: sum(figures.ended_by_reason_and_gender[reason][key] for reason in WORK_OR_STUDIES)
                for key in Gender.values
            },
        )
        result[agreement.pk] = one
    return result


def committee_key_figures(agreements: Iterable[Agreement], year: int) -> KeyFigures:
    """The committee's figures for `year`: the sum over its decided agreements that ran in it."""
    total = KeyFigures(year=year)
    for one in key_figures(
        [
            a
            for a in agreements
            if a.stage == Agreement.Stage.DECIDED and a.valid_from.year <= year <= a.valid_to.year
        ],
        year,
    ).values():
        total.add(one)
    return total
