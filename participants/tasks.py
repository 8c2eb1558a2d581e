"""Background tasks of the participants app, run by the task worker (`manage.py db_worker`)."""

from __future__ import annotations

from django.conf import settings
from django.tasks import task
from django.utils import timezone

from initiatives import retention as initiative_retention

from . import retention


@task
def gallra() -> dict[str, int]:
    """Nightly gallring (`manage.py enqueue_daily` enqueues it): the same rule and run as
    `manage.py gallra` (participants/retention.py). Idempotent: an anonymised participant is
    never due again, so a second run the same night changes nothing and only records the run."""
    run = retention.run(today=timezone.localdate(), months=settings.RETENTION_MONTHS)
    declined = initiative_retention.run(
        today=timezone.localdate(), months=settings.INITIATIVE_RETENTION_MONTHS
    )
    return {
        "initiatives": declined.initiatives,
        "retention_run": run.pk,
        "participants": run.participants,
        "placements": run.placements,
    }
