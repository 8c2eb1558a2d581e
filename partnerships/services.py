"""Operations that write several rows of an agreement at once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from core.agreement_changes import agreement_saved
from core.concurrency import claim_version
from core.documents import save_with_documents

from .contributions import rebase_contributions
from .goals import link_goals
from .guidelines import guideline_for_new
from .models import (
    Agreement,
    AgreementAttachment,
    AgreementCriterion,
    AgreementGoal,
    AgreementParty,
    Amendment,
)
from .periods import following_period
from .uploads import sha256_of
from .years import LAST_DAY


@transaction.atomic
def save_agreement(*, form, parties, criteria, goals=None) -> Agreement:
    """Save an agreement with its parties (in the order given), its criteria answers and, when
    a GoalsForm is given, its goal links (partnerships/goals.py).

    Raises EditConflict when someone else saved the agreement after this form was opened. Its
    followers (the payment plan) hear of the save (core/agreement_changes.py).
    """
    was_decided = False
    if form.instance.pk:
        form.instance.version = claim_version(
            Agreement, form.instance.pk, form.cleaned_data.get("seen_version")
        )
        was_decided = Agreement.objects.filter(pk=form.instance.pk, stage=Agreement.Stage.DECIDED).exists()
    agreement = form.save()
    parties.instance = agreement
    for order, party_form in enumerate(parties.forms):
        party_form.instance.order = order
    # The lead may move from one party to another: step the old lead down first, or saving the
    # new one would meet the one-lead constraint. The formset then saves every party's role.
    new_lead = next(
        (f.instance.pk for f in parties.forms if f.cleaned_data.get("role") == AgreementParty.Role.LEAD), None
    )
    agreement.parties.filter(role=AgreementParty.Role.LEAD).exclude(pk=new_lead).update(
        role=AgreementParty.Role.CO_PARTNER
    )
    parties.save()
    for criterion, fulfilled, justification in criteria.answers():
        AgreementCriterion.objects.update_or_create(
            agreement=agreement,
            criterion=criterion,
            defaults={"fulfilled": fulfilled, "justification": justification},
        )
    if goals is not None:
        link_goals(agreement, goals.cleaned_data["goals"])
    agreement_saved(agreement, became_decided=agreement.stage == Agreement.Stage.DECIDED and not was_decided)
    return agreement


class RenewalRefused(Exception):
    def __init__(self, message: str, successor: Agreement | None = None):
        super().__init__(message)
        self.message, self.successor = message, successor


def renewal_refusal(agreement: Agreement) -> RenewalRefused | None:
    """Why `agreement` cannot be renewed, or None when it can: only a decided agreement, and
    only once (the rule `renew` enforces and `permissions.can_renew` shows)."""
    if agreement.stage != Agreement.Stage.DECIDED:
        return RenewalRefused(_("Only a decided agreement can be renewed."))
    successor = agreement.successors.order_by("valid_from").first()
    if successor is not None:
        return RenewalRefused(
            _("“%(name)s” already has a successor: %(successor)s.")
            % {"name": agreement.name, "successor": successor},
            successor,
        )
    return None


@dataclass(frozen=True)
class Renewal:
    """What renewing an agreement would make: shown for confirmation, then created."""

    start: date
    end: date
    value: Decimal
    committee_cost: Decimal
    parties: list[tuple[AgreementParty, Decimal | None]]  # each party, its contribution re-based

    @property
    def price_level_year(self) -> int:
        return self.start.year


def plan_renewal(agreement: Agreement) -> Renewal:
    """The draft that would follow `agreement`: the next period of the same length, the amounts
    and every party's contribution carried into the new first year's prices (its price level).

    Only a decided agreement can be renewed, and only once (RenewalRefused, with the successor).
    """
    refusal = renewal_refusal(agreement)
    if refusal is not None:
        raise refusal
    start, end = following_period(agreement.valid_from, agreement.valid_to)
    if end > LAST_DAY:
        raise RenewalRefused(
            _("The following period would end after %(last)s, the register's last day.")
            % {"last": LAST_DAY.isoformat()}
        )
    first_year = agreement.yearly_amounts(start.year)
    parties = list(agreement.parties.select_related("partner"))
    contributions = rebase_contributions(
        [party.in_kind_contribution for party in parties],
        price_level_year=agreement.price_level_year,
        rate_percent=agreement.indexation_percent,
        year=start.year,
        expected=first_year.partner_contribution,
    )
    return Renewal(
        start=start,
        end=end,
        value=first_year.value,
        committee_cost=first_year.committee_cost,
        parties=list(zip(parties, contributions, strict=True)),
    )


@transaction.atomic
def renew(*, agreement: Agreement) -> Agreement:
    """Create the draft `plan_renewal` describes, with the same criteria answers. A draft is not
    paid, so no follower is told (its plan comes when it is decided, at its predecessor's frequency).

    Under a lock on the agreement, so a second click (or a second official) finds the first
    successor instead of making another (RenewalRefused).
    """
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    plan = plan_renewal(agreement)
    start, end = plan.start, plan.end
    successor = Agreement.objects.create(
        name=agreement.name,
        committee=agreement.committee,
        purpose=agreement.purpose,
        target_group=agreement.target_group,
        level_from=agreement.level_from,
        level_to=agreement.level_to,
        capacity_amount=agreement.capacity_amount,
        capacity_unit=agreement.capacity_unit,
        runs_on_weekends=agreement.runs_on_weekends,
        value_per_year=plan.value,
        committee_cost_per_year=plan.committee_cost,
        price_level_year=plan.price_level_year,
        indexation_percent=agreement.amount_periods()[-1].rate_percent,
        valid_from=start,
        valid_to=end,
        responsible=agreement.responsible,
        stage=Agreement.Stage.DRAFT,
        predecessor=agreement,
        notes="",
        guideline=guideline_for_new(agreement.committee),
    )
    for party, contribution in plan.parties:
        successor.parties.create(
            partner=party.partner, role=party.role, in_kind_contribution=contribution, order=party.order
        )
    # The answers carry over while the guideline is the same one; under a newer guideline the
    # successor is assessed afresh.
    # The goals it serves carry over (issue 24); the official may change them in the draft.
    for link in agreement.goal_links.all():
        AgreementGoal.objects.create(agreement=successor, goal_id=link.goal_id)
    for answer in agreement.criteria.all() if successor.guideline_id == agreement.guideline_id else []:
        successor.criteria.create(
            criterion=answer.criterion, fulfilled=answer.fulfilled, justification=answer.justification
        )
    return successor


def default_overview_year(years: list[int], today: date) -> int:
    """This year when it has agreements, else the latest year that has any (else this year)."""
    if not years or today.year in years:
        return today.year
    return max(years)


def attach(*, form, agreement: Agreement, by) -> AgreementAttachment:
    """Store a checked upload (AttachmentForm) against `agreement`, with its size and hash: the
    row and the stored file both or neither (core.documents); StorageUnavailable when the storage
    does not answer."""
    attachment = form.save(commit=False)
    upload = form.cleaned_data["file"]
    attachment.agreement = agreement
    attachment.original_name = upload.name[-255:]
    attachment.content_type = form.content_type
    attachment.size = upload.size
    attachment.sha256 = sha256_of(upload)
    attachment.uploaded_by = by
    save_with_documents(attachment)
    return attachment


@transaction.atomic
def amend(*, form, by) -> Amendment:
    """Record a tilläggsavtal (AmendmentForm, checked) against its agreement: from its date the
    agreement's amounts are the new ones; earlier years keep their figures (docs/domain.md). The
    agreement's followers (its payment plan's still planned instalments) follow at once."""
    agreement = Agreement.objects.select_for_update().get(pk=form.agreement.pk)
    amendment = form.save(commit=False)
    amendment.created_by = by
    amendment.save()
    agreement_saved(agreement)
    return amendment
