"""Fixtures for the operations tests: a one-shot task worker, servers started on free ports."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.management import call_command

BASE_DIR = Path(__file__).resolve().parents[2]


def _redis_url() -> str:
    """Database 5 of the Redis at 127.0.0.1:6379; with parallel test workers (pytest-xdist), gw0
    keeps 5 and gwN takes 5 + N, so no worker empties another's database."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    return os.environ.get("TEST_REDIS_URL", f"redis://127.0.0.1:6379/{5 + int(worker.removeprefix('gw'))}")


REDIS_URL = _redis_url()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"server exited with {process.returncode}: {process.stderr.read() if process.stderr else ''}"
            )
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise TimeoutError(f"nothing listens on 127.0.0.1:{port} after {seconds} s")


def stop(process: subprocess.Popen) -> None:
    """Stop a server we started: TERM, then KILL if it lingers."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def run_worker() -> None:
    """`manage.py db_worker --batch`: run every queued task in this process, then return."""
    saved = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    try:
        call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    finally:
        for number, handler in saved.items():
            signal.signal(number, handler)


@pytest.fixture
def worker(monkeypatch):
    """The one-shot worker, inside the test's transaction: the worker's `close_old_connections`
    would close a connection that is in a transaction (as Django's test client also skips)."""
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    return run_worker


@pytest.fixture(scope="session")
def moto_server():
    """A real S3 protocol server (moto in server mode) on a free port; yields its URL."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_for_port(port, process)
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(process)


def make_bucket(endpoint: str, name: str) -> None:
    import boto3

    boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id="test",
        aws_secret_access_key="test",
        region_name="eu-north-1",
    ).create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": "eu-north-1"})


@pytest.fixture
def redis_url():
    """The Redis at 127.0.0.1:6379, database 5 or the worker's (emptied before and after). CI starts Redis
    (.ci/run) and fails here if it is down; elsewhere the test is skipped with the reason."""
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"no Redis at {REDIS_URL} (start it: redis-server --daemonize yes --port 6379)")
    client.flushdb()
    yield REDIS_URL
    client.flushdb()
