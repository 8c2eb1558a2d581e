"""`/health/`: JSON, 200 when database, cache, storage and task queue work, 503 when one fails."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from operations.models import WorkerHeartbeat
from participants.tests.factories import ParticipantFactory

CHECKS = {"database", "cache", "storage", "task_queue"}


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def test_no_worker_seen_is_503_and_says_so(client, db):
    response = client.get("/health/")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["status"] == "unavailable"
    assert set(body["checks"]) == CHECKS
    assert body["checks"]["task_queue"] == "Unavailable: no task worker seen in the last 5 minutes"
    assert {body["checks"][name] for name in CHECKS - {"task_queue"}} == {"OK"}


def test_the_probe_keeps_a_heartbeat_queued_and_a_worker_makes_it_200(client, db, worker):
    assert client.get("/health/").status_code == 503
    assert DBTaskResult.objects.filter(task_path="operations.tasks.heartbeat").count() == 1
    client.get("/health/")  # within the minute: no second heartbeat task
    assert DBTaskResult.objects.filter(task_path="operations.tasks.heartbeat").count() == 1
    worker()
    assert WorkerHeartbeat.objects.count() == 1
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": dict.fromkeys(CHECKS, "OK")}


def test_a_worker_silent_too_long_is_503(client, db, settings):
    settings.TASK_WORKER_MAX_SILENCE_MINUTES = 10
    WorkerHeartbeat.objects.create(worker="host:1", seen_at=timezone.now() - timedelta(minutes=11))
    assert client.get("/health/").status_code == 503
    WorkerHeartbeat.objects.update(seen_at=timezone.now() - timedelta(minutes=9))
    assert client.get("/health/").status_code == 200


def test_a_broken_storage_is_503(client, db, settings, tmp_path):
    WorkerHeartbeat.objects.create(worker="host:1", seen_at=timezone.now())
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the storage wants a folder")
    settings.STORAGES = {
        **settings.STORAGES,
        "attachments": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": blocker},
        },
    }
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["checks"]["storage"] != "OK"
    assert response.json()["checks"]["database"] == "OK"


def test_it_needs_no_login_and_shows_no_personal_data(client, db):
    person = ParticipantFactory(first_name="Hemliga", last_name="Personsson")
    response = client.get("/health/", HTTP_ACCEPT="text/html")
    text = response.content.decode()
    assert response.status_code == 503  # answered, not redirected to the login page
    assert response["Content-Type"] == "application/json"
    assert person.first_name not in text and person.last_name not in text and person.personnummer not in text


def test_with_a_worker_at_hand_the_first_probe_is_200(client, db, settings):
    """The probe queues a heartbeat and waits for it; here the immediate backend runs it at once."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    assert not WorkerHeartbeat.objects.exists()
    assert client.get("/health/").status_code == 200
    assert WorkerHeartbeat.objects.count() == 1
