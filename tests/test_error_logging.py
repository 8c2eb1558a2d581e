"""With DEBUG off a server error leaves one JSON line on stderr: level, time, request path
(without the query string), user id, request id and traceback (settings.LOGGING)."""

from __future__ import annotations

import io
import json
import logging

import pytest
from django.test import Client


@pytest.fixture
def log_lines():
    """What the configured stderr handler writes, as parsed JSON objects."""
    handler = next(h for h in logging.getLogger("django").handlers if isinstance(h, logging.StreamHandler))
    buffer = io.StringIO()
    previous = handler.setStream(buffer)
    try:
        yield lambda: [json.loads(line) for line in buffer.getvalue().splitlines() if line.strip()]
    finally:
        handler.setStream(previous)


def errors(lines: list[dict]) -> list[dict]:
    return [line for line in lines if line["level"] == "ERROR" and line["name"] == "django.request"]


@pytest.mark.urls("tests.urls_with_errors")
def test_a_500_is_logged_as_a_json_line_with_its_request(official, log_lines):
    client = Client(raise_request_exception=False)
    client.force_login(official)
    response = client.get("/test-errors/view/?q=Amina+Demosson", headers={"X-Request-ID": "abc-123"})
    assert response.status_code == 500
    assert response["X-Request-ID"] == "abc-123"
    [record] = errors(log_lines())
    assert record["path"] == "/test-errors/view/"
    assert record["user_id"] == official.pk
    assert record["request_id"] == "abc-123"
    assert "RuntimeError: a bug in a view" in record["traceback"]
    assert record["time"][:2] == "20" and "T" in record["time"]
    assert "Amina" not in json.dumps(record)  # the query string stays out of the log


@pytest.mark.urls("tests.urls_with_errors")
def test_a_500_with_the_database_down_is_logged_without_touching_it(db, log_lines):
    client = Client(raise_request_exception=False)
    response = client.get("/test-errors/database/", headers={"X-Request-ID": "not a valid id!"})
    # the user is told in Swedish that the database cannot be reached, and when to try again
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert "når inte sin databas just nu" in response.content.decode()
    [record] = errors(log_lines())
    assert record["path"] == "/test-errors/database/"
    assert record["user_id"] is None
    assert "OperationalError" in record["traceback"] and "Connection refused" in record["traceback"]
    # an unusable offered id is replaced by one of our own, sent back to the client
    assert record["request_id"] == response["X-Request-ID"] and len(record["request_id"]) == 32


def test_every_response_carries_a_request_id(client, db):
    first, second = client.get("/login/"), client.get("/login/")
    assert len(first["X-Request-ID"]) == 32 and first["X-Request-ID"] != second["X-Request-ID"]


@pytest.mark.urls("tests.urls_with_errors")
def test_the_database_down_under_the_api_is_a_json_503(db):
    response = Client(raise_request_exception=False).get("/api/test-errors/database/")
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert response.json() == {"detail": "Databasen kan inte nås just nu. Försök igen om en minut."}


@pytest.mark.urls("tests.urls_with_errors")
def test_another_error_keeps_the_500_page(official):
    client = Client(raise_request_exception=False)
    client.force_login(official)
    response = client.get("/test-errors/view/")
    assert response.status_code == 500 and "Något gick fel" in response.content.decode()


def test_only_an_unreachable_database_is_the_503():
    """A deadlock or a statement timeout is an OperationalError with its SQLSTATE: a failed
    query, not a database out of reach (the general 500, which is logged as a bug)."""
    import psycopg
    from django.db.utils import OperationalError

    from iop_registry.views import database_unreachable

    def wrapped(cause):
        error = OperationalError(str(cause))
        error.__cause__ = cause
        return error

    refused = psycopg.OperationalError("connection failed: Connection refused")
    assert database_unreachable(wrapped(refused))
    deadlock = psycopg.errors.DeadlockDetected("deadlock detected")
    assert deadlock.sqlstate == "40P01" and not database_unreachable(wrapped(deadlock))
    assert database_unreachable(wrapped(psycopg.errors.AdminShutdown("terminating connection")))
    assert not database_unreachable(RuntimeError("a bug"))
