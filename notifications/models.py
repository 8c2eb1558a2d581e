"""Reminders: each one sent (by e-mail, where the user has an address) and listed in the app,
recorded so that it is never sent twice. `EmailDelivery` is what any e-mail that must arrive
records of its sending (a reminder, an invitation): notifications/outbox.py tries it again on
later runs until it is sent, at most EMAIL_ATTEMPTS times (issue 21, rows 8 and 9)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

# One try when the e-mail is made, then one per run of the daily job (or `manage.py remind`):
# five tries cover a mail server down over a long weekend; after that it stays listed as failed.
EMAIL_ATTEMPTS = 5


class DeliveryQuerySet(models.QuerySet):
    def unsent(self) -> DeliveryQuerySet:
        """Tried and failed, not sent since: what the systemförvaltare's start page lists."""
        return self.filter(emailed_at__isnull=True, attempts__gt=0)

    def to_retry(self) -> DeliveryQuerySet:
        """Failed, with tries left: what the next run sends again."""
        return self.unsent().filter(attempts__lt=EMAIL_ATTEMPTS)


class EmailDelivery(models.Model):
    """How the sending of one e-mail went. `attempts` counts the tries; each is claimed by
    raising it from the value read (outbox.attempt), so two runs at once never both send."""

    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("e-mail attempts"), default=0)
    error = models.TextField(_("delivery error"), blank=True)

    class Meta:
        abstract = True

    @property
    def will_be_retried(self) -> bool:
        return self.emailed_at is None and 0 < self.attempts < EMAIL_ATTEMPTS


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
