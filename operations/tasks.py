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
    """Record that a worker is alive, as `run_worker` does by itself every 15 seconds: enqueued
    by hand it shows that a worker takes work from the queue (and lets a worker other than
    `run_worker`, e.g. django-tasks-rq's, be seen by `/health/` if something enqueues it often
    enough). Running it twice only moves the time forward."""
    name = worker_name()
    WorkerHeartbeat.objects.update_or_create(worker=name, defaults={"seen_at": timezone.now()})
    return name
