"""`python manage.py gallra [--dry-run]`: remove the personal identifiers of participants whose
last placement ended more than RETENTION_MONTHS ago (participants/retention.py has the rule)."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from initiatives import retention as initiative_retention
from participants import retention
from participants.personnummer import mask


class Command(BaseCommand):
    help = (
        "Gallring: remove the personal identifiers of participants whose last placement ended more than "
        "RETENTION_MONTHS ago, keeping the yearly figures. --dry-run lists who would be anonymised."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="List who is due (masked) and change nothing."
        )

    def handle(self, *args, dry_run: bool = False, **options) -> None:
        months = settings.RETENTION_MONTHS
        if months < 1:
            raise CommandError("RETENTION_MONTHS must be at least 1.")
        today = timezone.localdate()
        limit = retention.cutoff(today, months)
        self.stdout.write(
            f"Retention period {months} months: due are participants whose last placement ended on or before "
            f"{limit:%Y-%m-%d} (or, never placed, who were registered by then) and who have no open placement."
        )
        initiative_months = settings.INITIATIVE_RETENTION_MONTHS
        declined = list(initiative_retention.due(today, initiative_months))
        if dry_run:
            self.stdout.write(
                f"Initiatives declined {initiative_months} months ago or more, whose personal data would be removed: "
                f"{', '.join(f'#{i.pk}' for i in declined) or 'none'}."
            )
            due = list(retention.due(today, months))
            for participant in due:
                ended = (
                    f"last placement ended {participant.last_end:%Y-%m-%d}"
                    if participant.last_end
                    else "never placed"
                )
                self.stdout.write(f"  #{participant.pk:<8} {mask(participant.personnummer)}  {ended}")
            self.stdout.write(f"Dry run: {len(due)} participants would be anonymised. Nothing was changed.")
            return
        initiatives = initiative_retention.run(today=today, months=initiative_months)
        self.stdout.write(
            f"Removed the personal data of {initiatives.initiatives} declined initiatives "
            f"(retention run {initiatives.pk})."
        )
        run = retention.run(today=today, months=months)
        self.stdout.write(
            f"Anonymised {run.participants} participants ({run.placements} placements kept with their goals cleared, "
            f"{run.notes} progress notes cleared, {run.history_rows} history rows and {run.admin_log_rows} admin log "
            f"rows cleared); {run.contacts} partner contacts removed. Recorded as retention run {run.pk}."
        )
