"""What the operations app records: worker heartbeats and which daily jobs were enqueued."""

from __future__ import annotations

from datetime import timedelta

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class WorkerHeartbeatQuerySet(models.QuerySet):
    def seen_within(self, seconds: float) -> WorkerHeartbeatQuerySet:
        """Workers that wrote a heartbeat in the last `seconds` seconds."""
        return self.filter(seen_at__gte=timezone.now() - timedelta(seconds=seconds))


class WorkerHeartbeat(models.Model):
    """The last time a task worker process said it was alive (operations/worker.py writes it
    every 15 seconds; the heartbeat task, operations.tasks.heartbeat, also does).

    `/health/` reports the task queue down when no worker has been seen recently. One row per
    worker process (host and process id); no personal data. Clocks of the worker and application
    machines are taken to agree (NTP) to well within TASK_WORKER_MAX_SILENCE_SECONDS.
    """

    worker = models.CharField(_("worker"), max_length=200, unique=True)
    seen_at = models.DateTimeField(_("last seen"))

    objects = WorkerHeartbeatQuerySet.as_manager()

    class Meta:
        ordering = ["-seen_at"]
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")

    def __str__(self) -> str:
        return self.worker


class DailyRun(models.Model):
    """One daily job enqueued for one day by `manage.py enqueue_daily`.

    The (task, day) pair is unique, so running the command twice on a day (a timer that fires
    again after a restart, an operator by hand) enqueues each job once.
    """

    task = models.CharField(_("task"), max_length=200)
    day = models.DateField(_("day"))
    enqueued_at = models.DateTimeField(_("enqueued at"), default=timezone.now)
    result_id = models.CharField(_("task result id"), max_length=100, blank=True)

    class Meta:
        ordering = ["-day", "task"]
        verbose_name = _("daily run")
        verbose_name_plural = _("daily runs")
        constraints = [models.UniqueConstraint(fields=["task", "day"], name="daily_run_once_per_day")]

    def __str__(self) -> str:
        return f"{self.task} {self.day:%Y-%m-%d}"
