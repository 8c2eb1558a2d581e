"""`manage.py enqueue_daily` and the task worker: the daily jobs run once a day, and twice is harmless."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from audit.models import RetentionRun
from operations.daily import enqueue_daily
from operations.models import DailyRun
from participants.models import Participant
from participants.tests.factories import AgreementFactory, PlacementFactory

GALLRA = "participants.tasks.gallra"


@pytest.fixture
def due_and_kept(db):
    """One participant whose placement ended in 2019 (due), one still placed (kept)."""
    agreement = AgreementFactory(valid_from=date(2018, 1, 1), valid_to=date(2030, 12, 31))
    old = PlacementFactory(
        agreement=agreement, start=date(2018, 1, 1), actual_end=date(2019, 6, 30), ended=True
    ).participant
    current = PlacementFactory(agreement=agreement, start=date(2025, 1, 1)).participant
    return old, current


def test_it_enqueues_each_daily_task_once_per_day(db, capsys):
    call_command("enqueue_daily")
    call_command("enqueue_daily")
    out = capsys.readouterr().out
    assert DBTaskResult.objects.filter(task_path=GALLRA).count() == 1
    assert DailyRun.objects.filter(task=GALLRA).count() == 1
    assert "enqueued for" in out and "already enqueued" in out


def test_force_enqueues_again(db):
    call_command("enqueue_daily")
    call_command("enqueue_daily", force=True)
    assert DBTaskResult.objects.filter(task_path=GALLRA).count() == 2


def test_a_new_day_enqueues_again(db):
    enqueue_daily(day=date(2026, 12, 1))
    enqueue_daily(day=date(2026, 12, 2))
    assert DBTaskResult.objects.filter(task_path=GALLRA).count() == 2


def test_the_worker_runs_gallring_and_a_second_run_changes_nothing(due_and_kept, worker, settings):
    settings.RETENTION_MONTHS = 60
    old, current = due_and_kept
    call_command("enqueue_daily")
    worker()
    old.refresh_from_db()
    current.refresh_from_db()
    assert old.personnummer is None and old.first_name == "" and old.anonymised_at is not None
    assert current.personnummer and current.first_name
    result = DBTaskResult.objects.get(task_path=GALLRA)
    assert result.status == "SUCCESSFUL"
    assert result.return_value["participants"] == 1

    anonymised_at = old.anonymised_at
    before = list(Participant.objects.order_by("pk").values())
    call_command("enqueue_daily", force=True)
    worker()
    assert list(Participant.objects.order_by("pk").values()) == before
    old.refresh_from_db()
    assert old.anonymised_at == anonymised_at
    assert list(RetentionRun.objects.order_by("pk").values_list("participants", flat=True)) == [1, 0]


def test_one_line_adds_a_daily_task(db, settings, worker):
    settings.DAILY_TASKS = [GALLRA, "operations.tasks.heartbeat"]
    call_command("enqueue_daily")
    assert set(DBTaskResult.objects.values_list("task_path", flat=True)) == {
        GALLRA,
        "operations.tasks.heartbeat",
    }
    worker()
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}


@pytest.mark.parametrize("path", ["participants.tasks.nothing_here", "participants.retention.run"])
def test_a_wrong_daily_task_is_an_error(db, settings, path):
    settings.DAILY_TASKS = [path]
    with pytest.raises(ImproperlyConfigured, match=path):
        call_command("enqueue_daily")
    assert not DBTaskResult.objects.exists()


def test_immediate_backend_runs_at_once(db, settings, due_and_kept):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    old, _ = due_and_kept
    call_command("enqueue_daily")
    old.refresh_from_db()
    assert old.personnummer is None
    assert RetentionRun.objects.count() == 1
