"""The reminder job as a Django task, for the daily scheduler (`DAILY_TASKS`)."""

from __future__ import annotations

from datetime import date

from django.tasks import task

from .reminders import run_job


@task
def send_reminders(as_of: str | None = None) -> int:
    """Run the reminders for `as_of` (ISO date, today by default), after trying again the e-mails
    that failed before; the number of e-mails sent. Failures are logged and listed on the
    systemförvaltare's start page, not raised: the next run retries them."""
    return run_job(as_of=date.fromisoformat(as_of) if as_of else None).mail.sent
