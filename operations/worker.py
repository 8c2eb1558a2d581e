"""The task worker that outlives a database restart and says that it is alive (issue 21, row 6).

django-tasks-db's `db_worker` lets any database error other than SQLite's "locked" end the
process: PostgreSQL restarted for four seconds, and the worker was gone for good, with a
traceback printed outside the JSON log. `ResilientWorker` runs the same loop and, when the
database cannot be reached, logs one warning line, waits (1, 2, 4 … up to 30 seconds) and starts
the loop again, so the worker comes back by itself once the database does. Anything else still
ends the process, logged as one JSON record; systemd (`Restart=always`) or `make serve`'s loop
starts it again.

While it runs, a thread writes the worker's heartbeat (`WorkerHeartbeat`) every
HEARTBEAT_SECONDS, also while a long task runs; `/health/` fails the task queue when no heartbeat
is newer than TASK_WORKER_MAX_SILENCE_SECONDS, so a stopped worker shows within a minute.
"""

from __future__ import annotations

import logging
import threading
import time
from datetime import timedelta

from django.db import InterfaceError, OperationalError, close_old_connections, connection
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from .errors import short_reason
from .models import WorkerHeartbeat
from .tasks import worker_name

logger = logging.getLogger(__name__)

# What a database that is down or restarting raises; other errors are bugs and end the process.
DATABASE_DOWN = (OperationalError, InterfaceError)
HEARTBEAT_SECONDS = 15
FIRST_RETRY_SECONDS = 1.0
LONGEST_RETRY_SECONDS = 30.0
# Heartbeats of processes gone this long ago are removed (one row per process ever started).
FORGET_AFTER = timedelta(days=7)


def record_heartbeat(name: str) -> None:
    """This worker process is alive now."""
    WorkerHeartbeat.objects.update_or_create(worker=name, defaults={"seen_at": timezone.now()})


class Heartbeat(threading.Thread):
    """Writes the heartbeat now and then every `seconds`, in its own database connection,
    closed after each write so a restarted database costs one missed beat, not a dead thread."""

    def __init__(self, name: str, seconds: float = HEARTBEAT_SECONDS) -> None:
        super().__init__(name="heartbeat", daemon=True)
        self.worker = name
        self.seconds = seconds
        self.stopped = threading.Event()

    def beat(self) -> bool:
        try:
            record_heartbeat(self.worker)
        except DATABASE_DOWN as error:
            logger.warning("Worker heartbeat not written, database unavailable: %s", short_reason(error))
            return False
        finally:
            connection.close()
        return True

    def run(self) -> None:
        self.beat()
        while not self.stopped.wait(self.seconds):
            self.beat()

    def stop(self) -> None:
        self.stopped.set()


class ResilientWorker(Worker):
    """django-tasks-db's worker, started again after a database error instead of exiting."""

    def __init__(self, *, heartbeat_seconds: float = HEARTBEAT_SECONDS, **kwargs) -> None:
        super().__init__(**kwargs)
        self.heartbeat_seconds = heartbeat_seconds
        self.interrupted: DBTaskResult | None = None

    def run(self) -> None:
        heartbeat = None
        if not self.batch and self.heartbeat_seconds:
            self.forget_old_heartbeats()
            heartbeat = Heartbeat(worker_name(), self.heartbeat_seconds)
            heartbeat.start()
        try:
            self.run_until_done()
        finally:
            if heartbeat is not None:
                heartbeat.stop()

    def run_until_done(self) -> None:
        delay = FIRST_RETRY_SECONDS
        while self.running:
            started = time.monotonic()
            try:
                self.fail_interrupted_task()
                super().run()
                return
            except DATABASE_DOWN as error:
                if time.monotonic() - started > LONGEST_RETRY_SECONDS:
                    delay = FIRST_RETRY_SECONDS  # a new outage, not the same one going on
                logger.warning(
                    "Database unavailable, the task worker tries again in %g s: %s",
                    delay,
                    short_reason(error),
                )
                self.drop_connections()
                self.wait(delay)
                delay = min(delay * 2, LONGEST_RETRY_SECONDS)

    def run_task(self, db_task_result: DBTaskResult) -> None:
        """A task whose outcome could not be saved (the database went away while it ran) is
        remembered, and marked failed once the database is back rather than left running."""
        try:
            super().run_task(db_task_result)
        except DATABASE_DOWN as error:
            db_task_result.interruption = error
            self.interrupted = db_task_result
            raise

    def fail_interrupted_task(self) -> None:
        if self.interrupted is not None:
            self.interrupted.set_failed(self.interrupted.interruption)
            logger.warning("Task id=%s failed: the database went away while it ran", self.interrupted.id)
            self.interrupted = None

    def forget_old_heartbeats(self) -> None:
        try:
            WorkerHeartbeat.objects.filter(seen_at__lt=timezone.now() - FORGET_AFTER).delete()
        except DATABASE_DOWN:
            pass  # the loop reports the database; the heartbeat thread keeps trying

    def wait(self, seconds: float) -> None:
        time.sleep(seconds)  # TERM meanwhile ends the process at once (Worker.shutdown)

    def drop_connections(self) -> None:
        """A connection broken by a restart is closed, so the next try connects afresh."""
        close_old_connections()
        connection.close()
