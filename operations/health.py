"""`/health/`: is this application server fit to serve? For a load balancer and monitoring.

django-health-check runs the checks: database, cache, the attachments' storage (save, read,
delete a probe file) and the task queue (a worker seen recently). The answer is JSON, 200 when
all pass and 503 when one fails, for anyone (no login): it names the checks and their state and
nothing else — no user, no participant, no figures.
"""

from __future__ import annotations

import asyncio
import dataclasses
import time

from asgiref.sync import sync_to_async
from django.conf import settings
from django.core.cache import cache
from django.http import JsonResponse
from health_check.base import HealthCheck
from health_check.exceptions import ServiceUnavailable
from health_check.views import HealthCheckView

from .models import WorkerHeartbeat

# At most one heartbeat task enqueued per minute per cache (per process without Redis).
HEARTBEAT_THROTTLE_KEY = "operations:heartbeat-enqueued"
HEARTBEAT_THROTTLE_SECONDS = 60


def keep_heartbeat_queued() -> None:
    """Enqueue a heartbeat task unless one was enqueued in the last minute, so a running worker
    keeps showing that it is alive as long as anyone asks for /health/."""
    from .tasks import heartbeat

    if cache.add(HEARTBEAT_THROTTLE_KEY, 1, timeout=HEARTBEAT_THROTTLE_SECONDS):
        heartbeat.enqueue()


@dataclasses.dataclass
class TaskQueue(HealthCheck):
    """The task queue works when a worker ran a heartbeat in the last
    TASK_WORKER_MAX_SILENCE_MINUTES minutes (operations.tasks.heartbeat)."""

    def check(self) -> None:
        keep_heartbeat_queued()
        minutes = settings.TASK_WORKER_MAX_SILENCE_MINUTES
        # With no recent heartbeat (a fresh start, or a long quiet spell) a running worker picks
        # up the one just queued within its poll interval: wait that long before saying no.
        deadline = time.monotonic() + settings.HEALTH_WORKER_WAIT_SECONDS
        while not WorkerHeartbeat.objects.seen_within(minutes).exists():
            if time.monotonic() >= deadline:
                raise ServiceUnavailable(f"no task worker seen in the last {minutes} minutes")
            time.sleep(0.25)

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
