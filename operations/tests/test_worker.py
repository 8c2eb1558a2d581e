"""The task worker (`manage.py run_worker`, operations/worker.py) outlives a database restart
and writes a heartbeat (issue 21, row 6: `db_worker` exited with a 76-line traceback when
PostgreSQL restarted for 4 seconds, and `/health/` did not notice for minutes)."""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import time

import pytest
from django.core.management import call_command
from django.db import OperationalError
from django_tasks_db.models import DBTaskResult, DBTaskResultQuerySet

from operations import tasks, worker
from operations.models import WorkerHeartbeat

from .conftest import BASE_DIR, free_port


@pytest.fixture
def run_worker(monkeypatch):
    """`run_worker --batch` in this process, inside the test's transaction (see conftest.worker);
    its back-off recorded instead of slept."""
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    monkeypatch.setattr(worker.ResilientWorker, "drop_connections", lambda self: None)
    waits: list[float] = []
    monkeypatch.setattr(worker.ResilientWorker, "wait", lambda self, seconds: waits.append(seconds))

    def run() -> list[float]:
        saved = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
        try:
            call_command("run_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
        finally:
            for number, handler in saved.items():
                signal.signal(number, handler)
        return waits

    return run


def worker_warnings(caplog) -> list[str]:
    return [
        r.getMessage()
        for r in caplog.records
        if r.name == "operations.worker" and r.levelno == logging.WARNING
    ]


def test_the_worker_survives_a_database_error_and_goes_on(db, run_worker, monkeypatch, caplog):
    result = tasks.heartbeat.enqueue()
    real_get_locked = DBTaskResultQuerySet.get_locked
    failures = iter([OperationalError("server closed the connection unexpectedly")] * 2)

    def get_locked(queryset):
        error = next(failures, None)
        if error:
            raise error
        return real_get_locked(queryset)

    monkeypatch.setattr(DBTaskResultQuerySet, "get_locked", get_locked)
    caplog.set_level(logging.INFO)
    waits = run_worker()
    assert waits == [1.0, 2.0]  # backs off, twice as long each time
    assert DBTaskResult.objects.get(id=result.id).status == "SUCCESSFUL"
    assert WorkerHeartbeat.objects.count() == 1  # the task ran
    assert worker_warnings(caplog) == [
        "Database unavailable, the task worker tries again in 1 s: server closed the connection unexpectedly",
        "Database unavailable, the task worker tries again in 2 s: server closed the connection unexpectedly",
    ]
    assert all(r.exc_info is None for r in caplog.records if r.name == "operations.worker")


def test_a_task_cut_off_by_the_database_is_marked_failed_when_it_is_back(db, run_worker, monkeypatch):
    """Not left RUNNING for ever: its outcome could not be saved, so it is recorded as failed."""
    result = tasks.heartbeat.enqueue()
    real_save = DBTaskResult.save
    refused = {"left": 6}  # set_successful's three tries, then set_failed's three

    def save(self, *args, **kwargs):
        if "finished_at" in kwargs.get("update_fields", ()) and refused["left"]:
            refused["left"] -= 1
            raise OperationalError("terminating connection due to administrator command")
        return real_save(self, *args, **kwargs)

    monkeypatch.setattr(DBTaskResult, "save", save)
    assert run_worker() == [1.0]
    row = DBTaskResult.objects.get(id=result.id)
    assert row.status == "FAILED"
    assert row.exception_class_path == "django.db.utils.OperationalError"


def test_the_heartbeat_thread_writes_while_the_worker_runs(transactional_db):
    beating = worker.Heartbeat("host:42", seconds=0.1)
    beating.start()
    try:
        deadline = time.monotonic() + 10
        while not WorkerHeartbeat.objects.filter(worker="host:42").exists():
            assert time.monotonic() < deadline, "no heartbeat written"
            time.sleep(0.05)
        first = WorkerHeartbeat.objects.get(worker="host:42").seen_at
        while WorkerHeartbeat.objects.get(worker="host:42").seen_at == first:
            assert time.monotonic() < deadline, "the heartbeat is not renewed"
            time.sleep(0.05)
    finally:
        beating.stop()
        beating.join(5)
    assert not beating.is_alive()


@pytest.mark.long
def test_with_the_database_down_the_worker_waits_for_it_logging_json_lines(tmp_path):
    """A real process against PostgreSQL at a port nobody listens on, DEBUG off: it does not
    exit, every line it writes is a JSON object, and TERM stops it cleanly."""
    env = {
        **os.environ,
        "DEBUG": "0",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{free_port()}/iop_nowhere",
        "PYTHONPATH": str(BASE_DIR),
    }
    process = subprocess.Popen(
        [sys.executable, "manage.py", "run_worker", "--no-reload", "--heartbeat", "1"],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: list[str] = []
    try:
        deadline = time.monotonic() + 90  # a busy machine takes a while to start Django
        while sum("tries again" in line for line in lines) < 2 and time.monotonic() < deadline:
            line = process.stderr.readline()
            if not line:
                break  # the process ended
            lines.append(line)
        assert process.poll() is None, "".join(lines)
    finally:
        process.send_signal(signal.SIGTERM)
        lines += process.communicate(timeout=30)[1].splitlines()
    assert process.returncode == 0, "".join(lines)
    records = [json.loads(line) for line in lines if line.strip()]  # every line JSON
    messages = [record["message"] for record in records]
    retries = [m for m in messages if m.startswith("Database unavailable, the task worker tries again")]
    assert len(retries) >= 2 and all(m.endswith("Connection refused") for m in retries)
    assert any(m.startswith("Worker heartbeat not written, database unavailable") for m in messages)
    assert all("traceback" not in record for record in records)
