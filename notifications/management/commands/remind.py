"""`python manage.py remind [--as-of YYYY-MM-DD]`: run the reminder job once (the daily task's
`run_job`): e-mails that failed before are tried again, then the reminders due are made and sent.
The last line says how the e-mails went, e.g. "E-mails: 0 sent, 1 failed, will be retried."."""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from notifications.reminders import run_job


def iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"--as-of must be a date like 2027-01-16, not {value!r}.") from error


class Command(BaseCommand):
    help = (
        "Send the reminders due today (or on --as-of) that have not been sent before, "
        "and try again the e-mails that failed on earlier runs."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--as-of", type=iso_date, default=None, help="The day to run for (YYYY-MM-DD).")

    def handle(self, *args, as_of: date | None = None, **options) -> None:
        run = run_job(as_of=as_of)
        for reminder in run.reminders:
            self.stdout.write(f"{reminder.recipient}: {reminder.subject}")
        self.stdout.write(f"{len(run.reminders)} new reminder(s). E-mails: {run.mail}.")
