"""`/health/`: is this application server fit to serve? For a load balancer and monitoring.

django-health-check runs the checks: database, cache, the attachments' storage (save, read,
delete a probe file) and the task queue (a worker's heartbeat seen recently). The answer is JSON,
200 when all pass and 503 when one fails, for anyone (no login): it names the checks and their
state and nothing else — no user, no participant, no figures.

Each check names its own dependency and why it failed, in a few words and without addresses or
credentials (issue 21, row 7: a cache or database outage came out as a task-queue failure,
"Unknown Error", and S3 as "storage: Unknown Error"). django-health-check reports an exception
that is not one of its own as "unknown error", so each check here turns its service's errors
into one; the task queue, which is read from the database, says "not checked" when the database
cannot be read instead of failing in the database's stead.
"""

from __future__ import annotations

import asyncio
import dataclasses
import uuid

from asgiref.sync import sync_to_async
from django.conf import settings
from django.core.cache import caches
from django.db import Error as DatabaseError
from django.db import InterfaceError, OperationalError, connections
from django.http import JsonResponse
from health_check import checks
from health_check.base import HealthCheck
from health_check.exceptions import HealthCheckException, ServiceUnavailable
from health_check.views import HealthCheckView

from .errors import short_reason
from .models import WorkerHeartbeat


class NotChecked(HealthCheckException):
    """A check that could not be made because something it depends on failed (reported there)."""

    message_type = "Not checked"


@dataclasses.dataclass
class Database(HealthCheck):
    """`SELECT 1` on a connection of its own."""

    alias: str = "default"

    def run(self) -> None:
        connection = connections[self.alias]
        try:
            with connection.temporary_connection() as cursor:
                cursor.execute("SELECT 1")
                cursor.fetchone()
        except (OperationalError, InterfaceError) as error:
            raise ServiceUnavailable(
                f"{connection.display_name} unreachable: {short_reason(error)}"
            ) from error
        except DatabaseError as error:
            raise ServiceUnavailable(f"{connection.display_name} error: {short_reason(error)}") from error


@dataclasses.dataclass
class Cache(HealthCheck):
    """Set, read back and delete a probe key. The shared cache fails open (operations/cache.py),
    answering a miss where Redis is down; its django-redis client underneath does not, so the
    probe asks that and can say why."""

    alias: str = "default"

    def run(self) -> None:
        from django_redis.cache import RedisCache

        backend = caches[self.alias]
        store, service = (backend.client, "Redis") if isinstance(backend, RedisCache) else (backend, "cache")
        key, value = f"health-check:{uuid.uuid4().hex}", uuid.uuid4().hex
        try:
            store.set(key, value, timeout=10)
            read = store.get(key)
            store.delete(key)
        except Exception as error:  # django-redis wraps redis-py's error; its cause says why
            raise ServiceUnavailable(
                f"{service} unreachable: {short_reason(error.__cause__ or error)}"
            ) from error
        if read != value:
            raise ServiceUnavailable(f"{service} did not give back the value just stored")


@dataclasses.dataclass
class Storage(checks.Storage):
    """django-health-check's probe file (save, read, delete), with the storage's own reason."""

    alias: str = "attachments"

    def run(self) -> None:
        try:
            super().run()
        except HealthCheckException:
            raise
        except Exception as error:
            raise ServiceUnavailable(storage_failure(error)) from error


def storage_failure(error: Exception) -> str:
    """S3's error code or the connection's reason; never the endpoint's URL, the object's key or
    the credentials (botocore puts the URL in its connection errors' messages)."""
    try:
        from botocore import exceptions as boto
    except ImportError:  # pragma: no cover - botocore is installed with django-storages[s3]
        boto = None
    if boto is not None:
        if isinstance(error, boto.ClientError):
            return f"S3 refused the request: {error.response.get('Error', {}).get('Code', 'unknown')}"
        if isinstance(error, boto.NoCredentialsError | boto.PartialCredentialsError):
            return "S3 credentials missing"
        if isinstance(error, boto.ConnectionError | boto.HTTPClientError):
            cause = error.kwargs.get("error")
            return f"S3 unreachable: {short_reason(cause) if cause else type(error).__name__}"
        if isinstance(error, boto.BotoCoreError):
            return f"S3 failed: {type(error).__name__}"
    if isinstance(error, OSError):
        return f"storage unavailable: {error.strerror or type(error).__name__}"
    return f"storage failed: {type(error).__name__}"


@dataclasses.dataclass
class TaskQueue(HealthCheck):
    """The task queue works when a worker wrote its heartbeat in the last
    TASK_WORKER_MAX_SILENCE_SECONDS (operations/worker.py writes one every 15 seconds), so a
    stopped worker shows within a minute; 0 turns the check off. The heartbeats are in the
    database: with the database down the queue is not checked (the database check says why)."""

    def check(self) -> None:
        seconds = settings.TASK_WORKER_MAX_SILENCE_SECONDS
        if not seconds:
            return
        try:
            alive = WorkerHeartbeat.objects.seen_within(seconds).exists()
        except DatabaseError as error:
            raise NotChecked("depends on the database, which is unavailable") from error
        if not alive:
            raise ServiceUnavailable(f"no task worker seen in the last {seconds} seconds")

    async def run(self) -> None:
        # In the request's own thread (and database connection), as the ORM wants.
        await sync_to_async(self.check)()


class HealthView(HealthCheckView):
    checks = (
        "operations.health.Database",
        "operations.health.Cache",
        "operations.health.Storage",
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
