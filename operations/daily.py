"""The daily jobs: `settings.DAILY_TASKS` lists them as dotted paths to tasks
(`django.tasks.task`), and `manage.py enqueue_daily` enqueues each once per day.

Adding a job is one line in the setting (or the DAILY_TASKS environment variable), e.g.
`DAILY_TASKS = ["participants.tasks.gallra", "notifications.tasks.send_reminders"]`. A job must
take no arguments and be idempotent: the command enqueues it once per day, but a worker may
still run it twice (a crash after the work and before the result is stored).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, transaction
from django.tasks import Task
from django.utils.module_loading import import_string

from .models import DailyRun


def daily_tasks() -> dict[str, Task]:
    """The tasks named in DAILY_TASKS, by dotted path; a path that is not a task is an error."""
    found = {}
    for path in settings.DAILY_TASKS:
        try:
            candidate = import_string(path)
        except ImportError as error:
            raise ImproperlyConfigured(f"DAILY_TASKS: cannot import {path!r} ({error}).") from error
        if not isinstance(candidate, Task):
            raise ImproperlyConfigured(f"DAILY_TASKS: {path!r} is not a task (decorate it with @task).")
        found[path] = candidate
    return found


@dataclass(frozen=True)
class Enqueued:
    task: str
    result_id: str | None  # None: already enqueued for this day, left alone


def enqueue_daily(*, day: date, force: bool = False) -> list[Enqueued]:
    """Enqueue each daily task for `day` unless it already was (or `force`)."""
    outcome = []
    for path, daily_task in daily_tasks().items():
        try:
            with transaction.atomic():
                run, created = DailyRun.objects.get_or_create(task=path, day=day)
                if not (created or force):
                    outcome.append(Enqueued(path, None))
                    continue
                result = daily_task.enqueue()
                run.result_id = str(result.id)
                run.save(update_fields=["result_id"])
        except IntegrityError:
            # Another server's enqueue_daily created the row between our look and our insert.
            outcome.append(Enqueued(path, None))
            continue
        outcome.append(Enqueued(path, run.result_id))
    return outcome
