"""The reminder job as a Django task, for the daily scheduler (`DAILY_TASKS`)."""

from __future__ import annotations

from datetime import date

from django.tasks import task

from .reminders import run_reminders


@task
def send_reminders(as_of: str | None = None) -> int:
    """Run the reminders for `as_of` (ISO date, today by default); the number sent."""
    return len(run_reminders(as_of=date.fromisoformat(as_of) if as_of else None))
