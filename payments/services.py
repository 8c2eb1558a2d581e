"""Writing payment plans: set up, keep in step with the agreement's money, record payments."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from partnerships.models import Agreement

from . import plans
from .models import Instalment, PaymentPlan
from .plans import Frequency


class PlanRefused(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def proposed_frequency(agreement: Agreement) -> int:
    """A renewal pays as its predecessor did (the plan follows the renewal); else quarterly."""
    predecessor_plan = (
        PaymentPlan.objects.filter(agreement_id=agreement.predecessor_id).first()
        if agreement.predecessor_id
        else None
    )
    return predecessor_plan.frequency if predecessor_plan else Frequency.QUARTERLY


def expected(agreement: Agreement, frequency: int) -> list[plans.PlannedInstalment]:
    """The instalments the agreement's schedule asks for at `frequency`."""
    return plans.plan(
        agreement.schedule(), per_year=frequency, start=agreement.valid_from, end=agreement.effective_end
    )


@transaction.atomic
def set_up_plan(*, agreement: Agreement, frequency: int, by) -> PaymentPlan:
    """Make or change `agreement`'s plan at `frequency` and bring its instalments in step with the
    schedule (`sync_plan`). Only a decided agreement is paid."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if agreement.stage != Agreement.Stage.DECIDED:
        raise PlanRefused(_("Only a decided agreement has a payment plan."))
    plan, created = PaymentPlan.objects.get_or_create(
        agreement=agreement, defaults={"frequency": frequency, "created_by": by}
    )
    if not created and plan.frequency != frequency:
        if agreement.instalments.exclude(status=Instalment.Status.PLANNED).exists():
            raise PlanRefused(_("The frequency cannot change once an instalment has been paid or withheld."))
        plan.frequency = frequency
        plan.save(update_fields=["frequency"])
        agreement.instalments.all().delete()
    sync_plan(agreement=agreement, plan=plan)
    return plan


def sync_plan(*, agreement: Agreement, plan: PaymentPlan) -> None:
    """The plan's instalments as the schedule now has them (after an amendment, a change of dates).

    Paid and withheld instalments are history and stay as they are; in each year the instalments
    still planned take what is left of the year's cost, split by the same rule, so a year still
    adds up to its cost. Run inside the transaction that locked the agreement."""
    wanted = defaultdict(list)
    for instalment in expected(agreement, plan.frequency):
        wanted[instalment.year].append(instalment)
    cost = {amounts.year: amounts.committee_cost for amounts in agreement.schedule()}
    existing = defaultdict(list)
    cancelled = defaultdict(set)  # an agreement ended early: these stay as they are (issue 26)
    for instalment in agreement.instalments.all():
        if instalment.is_cancelled:
            cancelled[instalment.year].add(instalment.number)
        else:
            existing[instalment.year].append(instalment)
    for year in sorted(set(wanted) | set(existing)):
        settled = [i for i in existing[year] if i.is_settled]
        settled_numbers = {i.number for i in settled} | cancelled[year]
        agreement.instalments.filter(year=year, status=Instalment.Status.PLANNED).delete()
        still = [i for i in wanted[year] if i.number not in settled_numbers]
        left = max(cost.get(year, Decimal(0)) - sum((i.amount for i in settled), Decimal(0)), Decimal(0))
        for planned, amount in zip(still, plans.split(left, len(still)), strict=True):
            Instalment.objects.create(
                agreement=agreement, year=year, number=planned.number, due_on=planned.due_on, amount=amount
            )


def follow_agreement(agreement: Agreement, *, became_decided: bool = False) -> PaymentPlan | None:
    """A decided agreement's payment plan kept without anyone having to remember it (issue 16).

    - An agreement that becomes decided gets a plan at once, at its predecessor's frequency when it
      renews one (the plan follows the renewal), else quarterly; the official may change it while
      nothing is paid or withheld.
    - A plan follows the agreement's money: after a saved agreement or amendment its planned
      instalments are brought in step with the schedule (`sync_plan`: paid and withheld ones stay).

    Called by every function that saves an agreement's money or decides it, through
    `core.agreement_changes` (registered in `PaymentsConfig.ready`), inside its transaction."""
    if agreement.stage != Agreement.Stage.DECIDED:
        return None
    with transaction.atomic():
        plan = PaymentPlan.objects.filter(agreement=agreement).first()
        if plan is None and became_decided:
            plan = PaymentPlan.objects.create(
                agreement=agreement, frequency=proposed_frequency(agreement), created_by=agreement.responsible
            )
        if plan is not None and not is_in_step(agreement, list(agreement.instalments.all())):
            sync_plan(agreement=agreement, plan=plan)
    return plan


def is_in_step(agreement: Agreement, instalments: list[Instalment]) -> bool:
    """Whether every year's instalments still add up to the schedule's cost (an amendment or new
    dates since the plan was made put it out of step until `sync_plan` runs)."""
    by_year: dict[int, Decimal] = defaultdict(Decimal)
    for instalment in instalments:
        if not instalment.is_cancelled:
            by_year[instalment.year] += instalment.amount
    wanted = {amounts.year: amounts.committee_cost for amounts in agreement.schedule()}
    return all(by_year.get(year, 0) == wanted.get(year, 0) for year in set(by_year) | set(wanted))


def _locked_planned(instalment: Instalment) -> Instalment:
    locked = Instalment.objects.select_for_update().get(pk=instalment.pk)
    if locked.is_settled:
        raise PlanRefused(
            _("This instalment has already been recorded as %(status)s.")
            % {"status": locked.get_status_display()}
        )
    return locked


@transaction.atomic
def mark_paid(*, instalment: Instalment, paid_on: date, amount: Decimal, reference: str, by) -> Instalment:
    locked = _locked_planned(instalment)
    locked.status = Instalment.Status.PAID
    locked.paid_on, locked.paid_amount, locked.reference = paid_on, amount, reference
    locked.recorded_by, locked.recorded_at = by, timezone.now()
    locked.save()
    return locked


@transaction.atomic
def withhold(*, instalment: Instalment, reason: str, by) -> Instalment:
    locked = _locked_planned(instalment)
    locked.status = Instalment.Status.WITHHELD
    locked.withheld_reason = reason
    locked.recorded_by, locked.recorded_at = by, timezone.now()
    locked.save()
    return locked


def cancel_after_end(*, agreement: Agreement) -> list[Instalment]:
    """An agreement ended early (issue 26): every instalment still planned for a period after its
    effective end is cancelled, and the last year's planned ones take what is left of its prorated
    cost (`sync_plan`). Paid and withheld instalments stay as they are (`overpaid_years` tells
    where more was paid than the shortened year costs). Run inside the transaction that locked
    the agreement; returns the cancelled instalments."""
    plan = PaymentPlan.objects.filter(agreement=agreement).first()
    if plan is None:
        return []
    still = {(i.year, i.number) for i in expected(agreement, plan.frequency)}
    cancelled = [
        instalment
        for instalment in agreement.instalments.filter(status=Instalment.Status.PLANNED)
        if (instalment.year, instalment.number) not in still
    ]
    for instalment in cancelled:
        instalment.status = Instalment.Status.CANCELLED
        instalment.save(update_fields=["status"])
    sync_plan(agreement=agreement, plan=plan)
    return cancelled


def overpaid_years(agreement: Agreement, instalments: list[Instalment] | None = None) -> dict[int, Decimal]:
    """Year → how much more was paid than the year's cost (its schedule, to the effective end):
    what a shortened year's paid instalments exceed, for the official to reclaim or settle."""
    instalments = list(agreement.instalments.all()) if instalments is None else instalments
    cost = {amounts.year: amounts.committee_cost for amounts in agreement.schedule()}
    paid: dict[int, Decimal] = defaultdict(Decimal)
    for instalment in instalments:
        if instalment.status == Instalment.Status.PAID:
            paid[instalment.year] += instalment.paid_amount
    return {
        year: paid[year] - cost.get(year, Decimal(0))
        for year in sorted(paid)
        if paid[year] > cost.get(year, Decimal(0))
    }
