"""Operations that write several rows of an agreement at once."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from .concurrency import claim_version
from .models import Agreement, AgreementAttachment, AgreementCriterion
from .periods import following_period
from .uploads import sha256_of
from .years import LAST_DAY


@transaction.atomic
def save_agreement(*, form, parties, criteria) -> Agreement:
    """Save an agreement with its parties (in the order given) and its criteria answers.

    Raises EditConflict when someone else saved the agreement after this form was opened.
    """
    if form.instance.pk:
        form.instance.version = claim_version(
            Agreement, form.instance.pk, form.cleaned_data.get("seen_version")
        )
    agreement = form.save()
    parties.instance = agreement
    for order, party_form in enumerate(parties.forms):
        party_form.instance.order = order
    parties.save()
    for criterion, fulfilled, justification in criteria.answers():
        AgreementCriterion.objects.update_or_create(
            agreement=agreement,
            criterion=criterion,
            defaults={"fulfilled": fulfilled, "justification": justification},
        )
    return agreement


class RenewalRefused(Exception):
    def __init__(self, message: str, successor: Agreement | None = None):
        super().__init__(message)
        self.message, self.successor = message, successor


@transaction.atomic
def renew(*, agreement: Agreement) -> Agreement:
    """A new draft that follows `agreement`: the next period of the same length, same parties
    and criteria, amounts carried into the new first year's prices (its price level).

    Only a decided agreement can be renewed, and only once: a second click finds the first
    successor instead of making another (RenewalRefused).
    """
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if agreement.stage != Agreement.Stage.DECIDED:
        raise RenewalRefused(_("Only a decided agreement can be renewed."))
    successor = agreement.successors.order_by("valid_from").first()
    if successor is not None:
        raise RenewalRefused(
            _("“%(name)s” already has a successor: %(successor)s.")
            % {"name": agreement.name, "successor": successor},
            successor,
        )
    start, end = following_period(agreement.valid_from, agreement.valid_to)
    if end > LAST_DAY:
        raise RenewalRefused(
            _("The following period would end after %(last)s, the register's last day.")
            % {"last": LAST_DAY.isoformat()}
        )
    first_year = agreement.yearly_amounts(start.year)
    successor = Agreement.objects.create(
        name=agreement.name,
        committee=agreement.committee,
        purpose=agreement.purpose,
        target_group=agreement.target_group,
        level_from=agreement.level_from,
        level_to=agreement.level_to,
        capacity_amount=agreement.capacity_amount,
        capacity_unit=agreement.capacity_unit,
        value_per_year=first_year.value,
        committee_cost_per_year=first_year.committee_cost,
        price_level_year=start.year,
        indexation_percent=agreement.indexation_percent,
        valid_from=start,
        valid_to=end,
        responsible=agreement.responsible,
        stage=Agreement.Stage.DRAFT,
        predecessor=agreement,
        notes="",
    )
    for party in agreement.parties.all():
        successor.parties.create(
            partner=party.partner,
            role=party.role,
            in_kind_contribution=party.in_kind_contribution,
            order=party.order,
        )
    for answer in agreement.criteria.all():
        successor.criteria.create(
            criterion=answer.criterion, fulfilled=answer.fulfilled, justification=answer.justification
        )
    return successor


def default_overview_year(years: list[int], today: date) -> int:
    """This year when it has agreements, else the latest year that has any (else this year)."""
    if not years or today.year in years:
        return today.year
    return max(years)


@transaction.atomic
def attach(*, form, agreement: Agreement, by) -> AgreementAttachment:
    """Store a checked upload (AttachmentForm) against `agreement`, with its size and hash."""
    attachment = form.save(commit=False)
    upload = form.cleaned_data["file"]
    attachment.agreement = agreement
    attachment.original_name = upload.name[-255:]
    attachment.content_type = form.content_type
    attachment.size = upload.size
    attachment.sha256 = sha256_of(upload)
    attachment.uploaded_by = by
    attachment.save()
    return attachment
