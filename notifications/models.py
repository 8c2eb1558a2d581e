"""Reminders: each one sent (by e-mail, where the user has an address) and listed in the app,
recorded so that it is never sent twice. Its e-mail is tried again by later runs until it is
sent (core.outbox.EmailDelivery, issue 21, row 8)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.outbox import DeliveryQuerySet, EmailDelivery


class Reminder(EmailDelivery):
    """One reminder to one user about one event. The event's `key` names the object and the
    moment (an agreement's end date, a follow-up's submission), so the same event never makes a
    second row for the same user (the unique constraint), whichever run or process sees it."""

    class Kind(models.TextChoices):
        AGREEMENT_ENDING_6M = "ending_6m", _("agreement ends in six months")
        AGREEMENT_ENDING_3M = "ending_3m", _("agreement ends in three months")
        FOLLOW_UP_DUE = "followup_due", _("follow-up due in 30 days")
        FOLLOW_UP_OVERDUE = "followup_overdue", _("follow-up overdue")
        FOLLOW_UP_SUBMITTED = "followup_submitted", _("follow-up submitted")
        FOLLOW_UP_SENT_BACK = "followup_sent_back", _("follow-up sent back")
        OUTCOME_DUE = "outcome_due", _("outcome after the activity due")
        OVER_BUDGET_FRAME = "over_budget_frame", _("draft over the budget frame")
        # An agreement ended early (issue 26): its people are told, its open placements are tasks.
        AGREEMENT_ENDED_EARLY = "ended_early", _("agreement ended early")
        PLACEMENT_AFTER_END = "placement_after_end", _("placement to end or move")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="reminders",
        verbose_name=_("recipient"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    key = models.CharField(_("event"), max_length=200)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text"))
    url = models.CharField(_("link"), max_length=300)
    as_of = models.DateField(_("for the day"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "key"],
                name="reminder_once_per_recipient_and_event",
                violation_error_message=_("This reminder has already been sent to this user."),
            ),
            models.CheckConstraint(
                condition=~Q(key="") & ~Q(subject=""), name="reminder_has_event_and_subject"
            ),
        ]

    def __str__(self) -> str:
        return self.subject
