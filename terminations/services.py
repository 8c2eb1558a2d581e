"""Ending an agreement early (issue 26), in one transaction: the termination recorded like an
amendment, the payment plan's later instalments cancelled, the coordinators given a task for
each placement still open, the partner's users and the responsible official told.

Its own small app above partnerships, payments, participants and notifications
(tests/test_import_layers.py): it calls each one's own functions and writes none of their rows
itself. What follows from the effective end by itself (the schedule, the overview, the
forecast, the renewal chain) reads `Agreement.effective_end`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from notifications import reminders
from notifications.models import Reminder
from participants.models import Placement
from partnerships.models import Agreement, Termination
from payments import services as payments

from .forms import TerminationForm


class TerminationRefused(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Ending:
    termination: Termination
    cancelled: list  # the instalments cancelled
    overpaid: dict[int, Decimal]  # year → paid beyond the shortened year's cost
    tasks: list[Reminder]  # the coordinators' tasks, one per coordinator and open placement
    told: list[Reminder]  # the partner's users and the responsible official


def open_after(agreement: Agreement) -> list[Placement]:
    """The agreement's placements still open (no actual end) that would run past its last day:
    each must be ended or moved to another activity before then."""
    last_day = agreement.effective_end
    return [
        placement
        for placement in Placement.objects.open().filter(agreement=agreement).select_related("agreement")
        if placement.planned_end is None or placement.planned_end > last_day
    ]


@transaction.atomic
def end_early(*, form: TerminationForm, by) -> Ending:
    """Record the termination the form describes (checked), then bring the payment plan and the
    placements in step and tell those who must know. Under a lock on the agreement, so a second
    click finds it ended (TerminationRefused)."""
    agreement = Agreement.objects.select_for_update().get(pk=form.agreement.pk)
    if agreement.stage != Agreement.Stage.DECIDED:
        raise TerminationRefused(_("Only a decided agreement can be ended early."))
    if Termination.objects.filter(agreement=agreement).exists():
        raise TerminationRefused(_("The agreement has already been ended early."))
    termination = form.save(commit=False)
    termination.agreement, termination.created_by = agreement, by
    termination.save()
    agreement = Agreement.objects.select_related("termination", "committee", "responsible").get(
        pk=agreement.pk
    )
    agreement.ended_early_on = termination.last_day
    # The plan is brought in step here, by cancelling (not by core.agreement_changes' followers,
    # whose resync would delete what must be kept as cancelled): terminations sits above payments.
    cancelled = payments.cancel_after_end(agreement=agreement)
    agreement.save(update_fields=["ended_early_on", "updated_at"])
    today = timezone.localdate()
    return Ending(
        termination=termination,
        cancelled=cancelled,
        overpaid=payments.overpaid_years(agreement),
        tasks=_placement_tasks(agreement, today),
        told=_tell(agreement, today),
    )


def _names(agreement: Agreement) -> dict:
    termination = agreement.termination
    return {"name": agreement.name, "day": f"{termination.last_day:%Y-%m-%d}"}


def _tell(agreement: Agreement, today) -> list[Reminder]:
    """The partner's users and the responsible official (while a member of its committee)."""
    recipients = list(reminders.partner_users(agreement))
    responsible = agreement.responsible
    if (
        responsible is not None
        and responsible.is_active
        and responsible.committee_memberships.filter(committee=agreement.committee).exists()
    ):
        recipients.append(responsible)
    event = reminders.Event(
        kind=Reminder.Kind.AGREEMENT_ENDED_EARLY,
        key=f"ended:{agreement.pk}:{agreement.termination.last_day.isoformat()}",
        recipients=recipients,
        subject=_("“%(name)s” ends early, on %(day)s") % _names(agreement),
        body=_(
            "The agreement “%(name)s” has been ended early: its last day is %(day)s. Payments "
            "planned after it are cancelled."
        )
        % _names(agreement),
        url=agreement.get_absolute_url(),
    )
    return reminders.deliver(event, as_of=today)


def _placement_tasks(agreement: Agreement, today) -> list[Reminder]:
    """A task for each coordinator of the agreement's committee and each placement still open
    past the last day. No names in the text (it is e-mailed): the link leads to the placement."""
    coordinators = list(reminders.coordinators(agreement.committee))
    made = []
    for placement in open_after(agreement):
        event = reminders.Event(
            kind=Reminder.Kind.PLACEMENT_AFTER_END,
            key=f"placement:{placement.pk}:ends:{agreement.termination.last_day.isoformat()}",
            recipients=coordinators,
            subject=_("End or move a placement in “%(name)s” by %(day)s") % _names(agreement),
            body=_(
                "The agreement “%(name)s” ends early, on %(day)s. A placement in it is still open: "
                "end it or move the participant to another activity before then."
            )
            % _names(agreement),
            url=reverse("participants:placement_end", args=[placement.pk]),
        )
        made += reminders.deliver(event, as_of=today)
    return made
