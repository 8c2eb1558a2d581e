"""`/health/`: is this application server fit to serve? For a load balancer and monitoring.

django-health-check runs the checks: database, cache, the attachments' storage (save, read,
delete a probe file) and the task queue (a worker's heartbeat seen recently). The answer is JSON, 200 when
all pass and 503 when one fails, for anyone (no login): it names the checks and their state and
nothing else — no user, no participant, no figures.
"""

from __future__ import annotations

import asyncio
import dataclasses

from asgiref.sync import sync_to_async
from django.conf import settings
from django.http import JsonResponse
from health_check.base import HealthCheck
from health_check.exceptions import ServiceUnavailable
from health_check.views import HealthCheckView

from .models import WorkerHeartbeat


@dataclasses.dataclass
class TaskQueue(HealthCheck):
    """The task queue works when a worker wrote its heartbeat in the last
    TASK_WORKER_MAX_SILENCE_SECONDS (operations/worker.py writes one every 15 seconds), so a
    stopped worker shows within a minute; 0 turns the check off."""

    def check(self) -> None:
        seconds = settings.TASK_WORKER_MAX_SILENCE_SECONDS
        if seconds and not WorkerHeartbeat.objects.seen_within(seconds).exists():
            raise ServiceUnavailable(f"no task worker seen in the last {seconds} seconds")

    async def run(self) -> None:
        # In the request's own thread (and database connection), as the ORM wants.
        await sync_to_async(self.check)()


class HealthView(HealthCheckView):
    checks = (
        "health_check.checks.Database",
        "health_check.checks.Cache",
        ("health_check.checks.Storage", {"alias": "attachments"}),
        "operations.health.TaskQueue",
    )

    async def get(self, request, *args, **kwargs):
        with self.get_executor() as executor:
            self.results = await asyncio.gather(*(check.get_result(executor) for check in self.get_checks()))
        failed = any(result.error for result in self.results)
        return JsonResponse(
            {
                "status": "unavailable" if failed else "ok",
                "checks": {
                    _name(result.check): str(result.error) if result.error else "OK"
                    for result in self.results
                },
            },
            status=503 if failed else 200,
        )


def _name(check: HealthCheck) -> str:
    return {"Database": "database", "Cache": "cache", "Storage": "storage", "TaskQueue": "task_queue"}.get(
        type(check).__name__, type(check).__name__
    )
