"""A decided agreement's payment plan kept without anyone having to remember it (issue 16).

- An agreement that becomes decided gets a plan at once, at its predecessor's frequency when it
  renews one (the plan follows the renewal), else quarterly; the official may change it while
  nothing is paid or withheld.
- A plan follows the agreement's money: a saved agreement or amendment brings its planned
  instalments in step with the schedule (`services.sync_plan`: paid and withheld ones stay). A
  deleted amendment (the admin's) is not followed: a cascade from its agreement would meet new
  instalments; the plan page shows it out of step until the plan is saved again.

Receivers, because partnerships sits below payments (tests/test_import_layers.py): the agreement
knows nothing of its payments. Bulk writes (the demo's copy of rows, scale data) send no signals.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from partnerships.models import Agreement, Amendment

from . import services
from .models import PaymentPlan


@receiver(pre_save, sender=Agreement, dispatch_uid="payments_note_decision")
def _note_decision(sender, instance: Agreement, raw: bool = False, **kwargs) -> None:
    instance._becomes_decided = (
        not raw
        and instance.pk is not None
        and instance.stage == Agreement.Stage.DECIDED
        and Agreement.objects.filter(pk=instance.pk).exclude(stage=Agreement.Stage.DECIDED).exists()
    )


@receiver(post_save, sender=Agreement, dispatch_uid="payments_follow_agreement")
def _follow_agreement(sender, instance: Agreement, raw: bool = False, **kwargs) -> None:
    if raw or instance.stage != Agreement.Stage.DECIDED:
        return
    with transaction.atomic():
        plan = PaymentPlan.objects.filter(agreement=instance).first()
        if plan is None and getattr(instance, "_becomes_decided", False):
            plan = PaymentPlan.objects.create(
                agreement=instance,
                frequency=services.proposed_frequency(instance),
                created_by=instance.responsible,
            )
        if plan is not None and not services.is_in_step(instance, list(instance.instalments.all())):
            services.sync_plan(agreement=instance, plan=plan)


@receiver(post_save, sender=Amendment, dispatch_uid="payments_follow_amendment")
def _follow_amendment(sender, instance: Amendment, raw: bool = False, **kwargs) -> None:
    if raw:
        return
    agreement = Agreement.objects.filter(pk=instance.agreement_id).first()
    plan = PaymentPlan.objects.filter(agreement_id=instance.agreement_id).first()
    if agreement is None or plan is None or agreement.stage != Agreement.Stage.DECIDED:
        return
    with transaction.atomic():
        services.sync_plan(agreement=agreement, plan=plan)
