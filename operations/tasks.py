"""The operations app's background tasks."""

from __future__ import annotations

import os
import socket

from django.tasks import task
from django.utils import timezone

from .models import WorkerHeartbeat


def worker_name() -> str:
    """This process, as the heartbeat names it: host and process id."""
    return f"{socket.gethostname()}:{os.getpid()}"


@task
def heartbeat() -> str:
    """Record that a worker is alive. `/health/` keeps one of these queued and reports the task
    queue down when none has run for TASK_WORKER_MAX_SILENCE_MINUTES. Running it twice only
    moves the time forward."""
    name = worker_name()
    WorkerHeartbeat.objects.update_or_create(worker=name, defaults={"seen_at": timezone.now()})
    return name
