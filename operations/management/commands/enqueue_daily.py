"""`python manage.py enqueue_daily [--force]`: enqueue the daily jobs (settings.DAILY_TASKS).

Run by cron or a systemd timer (deploy/iop-registret-daily.timer), on one machine or on all:
each job is enqueued once per day whichever runs first; `run_worker` then runs it.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.utils import timezone

from operations.daily import enqueue_daily


class Command(BaseCommand):
    help = "Enqueue the daily jobs listed in DAILY_TASKS, each once per day (Europe/Stockholm)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--force", action="store_true", help="Enqueue again even if today's jobs already were."
        )

    def handle(self, *args, force: bool = False, **options) -> None:
        day = timezone.localdate()
        for item in enqueue_daily(day=day, force=force):
            if item.result_id is None:
                self.stdout.write(f"{item.task}: already enqueued for {day:%Y-%m-%d}, left alone.")
            else:
                self.stdout.write(f"{item.task}: enqueued for {day:%Y-%m-%d} (task result {item.result_id}).")
