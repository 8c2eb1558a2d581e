"""E-mails that must arrive (issue 21, rows 8 and 9): a reminder, an invitation's link.

A mail server that is down must not lose them nor hide it. Each such e-mail is a row of a
model with the `EmailDelivery` fields: it is tried when it is made, and a failure is
kept on the row (`error`), logged as a WARNING, listed on the systemförvaltare's start page
and tried again by every later run of the daily job or `manage.py remind`, at most
EMAIL_ATTEMPTS times in all. Once sent (`emailed_at`) it is never sent again.

`attempt()` is the one place a try is made, so the rules hold for every kind of e-mail; the
kinds themselves say what to send (notifications.reminders, accounts.invitations). It lives in
core because both of those apps use it and accounts may not import notifications
(tests/test_import_layers.py).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

log = logging.getLogger(__name__)

# One try when the e-mail is made, then one per run of the daily job (or `manage.py remind`):
# five tries cover a mail server down over a long weekend; after that it stays listed as failed.
EMAIL_ATTEMPTS = 5


def in_flight_for() -> timedelta:
    """How long a try may still be running: the SMTP timeout and a margin. A try claimed longer
    ago that left no outcome died with its process (a killed worker, a lost database) and may be
    taken again."""
    return timedelta(seconds=getattr(settings, "EMAIL_TIMEOUT", 10) + 60)


class DeliveryQuerySet(models.QuerySet):
    def unsent(self) -> DeliveryQuerySet:
        """Tried and failed, not sent since: what the systemförvaltare's start page lists."""
        return self.filter(emailed_at__isnull=True, attempts__gt=0).exclude(error="")

    def to_retry(self) -> DeliveryQuerySet:
        """What the next run tries, while tries are left: the ones that failed, and the ones whose
        try left no outcome — never tried (the process that made the row died before its try)
        or claimed longer ago than a try can take. Not a try still running elsewhere: two
        tries at once would send the mail twice (and an invitation's retry makes a new link,
        which would void the one just mailed)."""
        stale = timezone.now() - in_flight_for()
        no_outcome = Q(error="") & (Q(last_attempt_at__isnull=True) | Q(last_attempt_at__lt=stale))
        return self.filter(emailed_at__isnull=True, attempts__lt=EMAIL_ATTEMPTS).filter(
            ~Q(error="") | no_outcome
        )


class EmailDelivery(models.Model):
    """How the sending of one e-mail went. `attempts` counts the tries; each is claimed by
    raising it from the value read (outbox.attempt), so two runs at once never both send."""

    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("e-mail attempts"), default=0)
    last_attempt_at = models.DateTimeField(_("last e-mail attempt"), null=True, blank=True)
    error = models.TextField(_("delivery error"), blank=True)

    class Meta:
        abstract = True

    @property
    def will_be_retried(self) -> bool:
        return self.emailed_at is None and 0 < self.attempts < EMAIL_ATTEMPTS


def attempt(item: EmailDelivery, send: Callable[[], None]) -> bool:
    """Try to send `item`'s e-mail once with `send`; False when there was nothing to try (sent
    already, or another run took this try first). The try is claimed by raising `attempts` from
    the value this process read: of two runs at once only one sends. The outcome is written to
    the row and to `item`."""
    model = type(item)
    now = timezone.now()
    claimed = model.objects.filter(pk=item.pk, emailed_at__isnull=True, attempts=item.attempts).update(
        attempts=F("attempts") + 1, last_attempt_at=now, error=""
    )
    if not claimed:
        return False
    item.attempts, item.last_attempt_at, item.error = item.attempts + 1, now, ""
    try:
        send()
    except Exception as error:  # noqa: BLE001 - any failure of the mail server is kept and retried
        item.error = f"{type(error).__name__}: {error}"[:1000]
        model.objects.filter(pk=item.pk).update(error=item.error)
        # The log names the failure's kind and SMTP code, never its text: a refused recipient's
        # message holds the e-mail address (the row keeps the whole text for the admin).
        log.warning(
            "E-mail of %s %s failed (attempt %s of %s, %s): %s%s",
            model._meta.model_name,
            item.pk,
            item.attempts,
            EMAIL_ATTEMPTS,
            "will be retried" if item.will_be_retried else "no more attempts",
            type(error).__name__,
            f" {error.smtp_code}" if getattr(error, "smtp_code", None) else "",
        )
    else:
        item.emailed_at = timezone.now()
        model.objects.filter(pk=item.pk).update(emailed_at=item.emailed_at)
    return True


@dataclass(frozen=True)
class Tally:
    """How the e-mails tried in one run went."""

    sent: int = 0
    failed: int = 0  # failed this time, will be tried again
    given_up: int = 0  # failed for the last time

    @classmethod
    def of(cls, items: Iterable[EmailDelivery]) -> Tally:
        """Counted from the items' own state after `attempt()`; items never tried count nowhere."""
        items = [item for item in items if item.attempts]
        return cls(
            sent=sum(item.emailed_at is not None for item in items),
            failed=sum(item.will_be_retried for item in items),
            given_up=sum(item.emailed_at is None and item.attempts >= EMAIL_ATTEMPTS for item in items),
        )

    def __str__(self) -> str:
        text = f"{self.sent} sent, {self.failed} failed"
        if self.failed:
            text += ", will be retried"
        if self.given_up:
            text += f", {self.given_up} failed for the last time ({EMAIL_ATTEMPTS} attempts)"
        return text
