"""Gallring of declined initiatives (issue 23), like the participants' (participants/retention.py).

The rule: `INITIATIVE_RETENTION_MONTHS` (default 24) after an initiative was declined, its personal
data go: the contact person's name, e-mail and phone (also in the history rows), the question and
answer thread's texts (which may name people), and the attachments (statutes and reports name the
board). What stays: the initiative itself (organisation, figures, the criteria and their
assessment, the decision and its reason), an organisation's public record. An initiative that
proceeded is part of its agreement's case and is kept with it. Idempotent: an anonymised
initiative is never due again.
"""

from __future__ import annotations

import calendar
from datetime import date

from django.db import transaction
from django.utils import timezone

from core.documents import STORAGE_ERRORS

from .models import PERSONAL_FIELDS, Initiative, InitiativeAttachment, Message, RetentionRun


def cutoff(today: date, months: int) -> date:
    """The same day `months` calendar months before `today`, clamped to the month's length."""
    if months < 1:
        raise ValueError("The retention period must be at least one month.")
    index = today.year * 12 + today.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(today.day, calendar.monthrange(year, month)[1]))


def due(today: date, months: int):
    """Declined initiatives decided on or before the cutoff and not yet anonymised."""
    return Initiative.objects.filter(
        status=Initiative.Status.DECLINED,
        anonymised_at__isnull=True,
        decided_at__date__lte=cutoff(today, months),
    )


def run(*, today: date, months: int) -> RetentionRun:
    ids = list(due(today, months).values_list("pk", flat=True))
    files = list(InitiativeAttachment.objects.filter(initiative__in=ids))
    with transaction.atomic():
        cleared = dict.fromkeys(PERSONAL_FIELDS, "")
        # QuerySet updates: no history row is written for what gallring removes (core/dataversion.py).
        Initiative.objects.filter(pk__in=ids).update(**cleared, anonymised_at=timezone.now())
        Initiative.history.filter(id__in=ids).update(**cleared)
        Message.objects.filter(initiative__in=ids).update(text="")
        Message.history.filter(initiative_id__in=ids).update(text="")
        InitiativeAttachment.objects.filter(initiative__in=ids).delete()
        run = RetentionRun.objects.create(retention_months=months, initiatives=len(ids), initiative_ids=ids)
    for attachment in files:  # after the commit: a file is never gone while its row remains
        try:
            attachment.file.storage.delete(attachment.file.name)
        except STORAGE_ERRORS:
            pass
    return run
