"""`/health/` names the dependency that failed and why, and only that one (issue 21, row 7: a
cache or database outage came out as a task-queue failure, "Unknown Error", and S3 as
"storage: Unknown Error"). Each dependency is made to fail for real: PostgreSQL, Redis and S3
at ports nobody listens on, and a bucket that does not exist."""

from __future__ import annotations

from unittest import mock

import pytest
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.utils import ConnectionHandler

from operations.conf import redis_cache, s3_storage
from operations.worker import record_heartbeat

from .conftest import free_port

SECRET = "s3cr3t-that-must-not-show"


@pytest.fixture
def worker_alive(db):
    record_heartbeat("host:1")


def health(client) -> tuple[int, dict]:
    response = client.get("/health/")
    assert response["Content-Type"] == "application/json"
    return response.status_code, response.json()["checks"]


def failing(checks: dict) -> set[str]:
    return {name for name, state in checks.items() if state != "OK"}


@pytest.fixture
def database_down(db):
    """Every cursor asked for, in any thread, is one on PostgreSQL at a closed port: the real
    error Django raises when the database server is gone. Undone before the test's database
    teardown (which asks for a cursor too)."""
    port = free_port()
    real_cursor = BaseDatabaseWrapper.cursor

    def refused(self):
        gone = ConnectionHandler(
            {
                "default": {
                    "ENGINE": "django.db.backends.postgresql",
                    "HOST": "127.0.0.1",
                    "PORT": port,
                    "NAME": "nowhere",
                    "USER": "postgres",
                    "OPTIONS": {"connect_timeout": 2},
                }
            }
        )["default"]
        return real_cursor(gone)

    with mock.patch.object(BaseDatabaseWrapper, "cursor", refused):
        yield


def test_database_down_is_named_and_the_task_queue_not_blamed(client, worker_alive, database_down):
    status, checks = health(client)
    assert status == 503
    assert checks["database"].startswith("Unavailable: ")
    assert checks["database"].endswith(" unreachable: Connection refused")
    assert checks["task_queue"] == "Not checked: depends on the database, which is unavailable"
    assert failing(checks) == {"database", "task_queue"}  # cache and storage answer as usual


def test_redis_down_is_the_cache_and_nothing_else(client, worker_alive, settings):
    settings.CACHES = redis_cache(f"redis://127.0.0.1:{free_port()}/12")
    status, checks = health(client)
    assert status == 503
    assert checks["cache"] == "Unavailable: Redis unreachable: Connection refused"
    assert failing(checks) == {"cache"}


def test_redis_up_is_ok(client, worker_alive, settings, redis_url):
    settings.CACHES = redis_cache(redis_url)
    status, checks = health(client)
    assert (status, failing(checks)) == (200, set())


def test_s3_unreachable_says_so_without_the_secret_or_the_address(client, worker_alive, settings):
    port = free_port()
    settings.STORAGES = {
        **settings.STORAGES,
        "attachments": s3_storage(
            bucket="iop-health",
            endpoint_url=f"http://127.0.0.1:{port}",
            access_key="AKIAHEALTHTEST",
            secret_key=SECRET,
            region="eu-north-1",
        ),
    }
    response = client.get("/health/")
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["storage"] == "Unavailable: S3 unreachable: Connection refused"
    assert failing(checks) == {"storage"}
    body = response.content.decode()
    assert SECRET not in body and "AKIAHEALTHTEST" not in body and str(port) not in body


def test_s3_refusing_gives_its_error_code(client, worker_alive, settings, moto_server):
    settings.STORAGES = {
        **settings.STORAGES,
        "attachments": s3_storage(
            bucket="no-such-bucket-here",
            endpoint_url=moto_server,
            access_key="test",
            secret_key=SECRET,
            region="eu-north-1",
        ),
    }
    status, checks = health(client)
    assert status == 503
    assert checks["storage"] == "Unavailable: S3 refused the request: NoSuchBucket"
    assert failing(checks) == {"storage"}
