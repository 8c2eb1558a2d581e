"""`python manage.py run_worker`: the task worker to run in production (issue 21, row 6).

`db_worker` (django-tasks-db) with the same options, but its loop survives a database restart
and writes the heartbeat `/health/` reads (operations/worker.py). An error it does not expect
is logged as one record through the project's logging (JSON with DEBUG off) before the process
exits 1, for systemd or `make serve` to start it again.
"""

from __future__ import annotations

import logging
import os
import sys

from django.core.management.base import CommandError
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands import db_worker

from operations.worker import HEARTBEAT_SECONDS, ResilientWorker

logger = logging.getLogger("operations.worker")


class Command(db_worker.Command):
    help = "Run the task worker: db_worker that survives database restarts and writes a heartbeat."

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--heartbeat",
            type=float,
            default=HEARTBEAT_SECONDS,
            dest="heartbeat_seconds",
            help="Seconds between the worker's heartbeats (default: %(default)s; 0: none).",
        )

    def handle(self, *, verbosity: int, reload: bool, batch: bool, **options) -> None:
        """db_worker's own `handle`, building a ResilientWorker."""
        self.configure_logging(verbosity)
        queue_names = options["queue_name"].split(",")
        excluded = options["exclude_queues"].split(",") if options["exclude_queues"] else []
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = ResilientWorker(
            queue_names=queue_names,
            interval=options["interval"],
            batch=batch,
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
            excluded_queue_names=excluded,
            heartbeat_seconds=options["heartbeat_seconds"],
        )
        try:
            if reload and not batch:
                if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                    worker.configure_signals()
                run_with_reloader(worker.run)
            else:
                worker.configure_signals()
                worker.run()
        except Exception:
            logger.exception("The task worker stopped on an unexpected error")
            sys.exit(1)
