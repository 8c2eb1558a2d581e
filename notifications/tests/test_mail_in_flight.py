"""A try that is still running is not a failure (issue 21's review): another run must not send
the same e-mail meanwhile, and a row whose try never happened, or died with its process, is
not lost. A failure's log line names no e-mail address."""

from __future__ import annotations

import importlib
import logging
import smtplib
from datetime import date, timedelta

import pytest
from django.apps import apps
from django.core import mail
from django.utils import timezone

from core import outbox
from notifications import reminders
from notifications.models import Reminder
from notifications.tests.test_failed_mail import FAILING
from notifications.tests.test_reminders import people  # noqa: F401 - the fixture
from reports.models import FollowUp


@pytest.fixture
def failed_reminder(people, seed, settings):  # noqa: F811
    working = settings.MAILERS
    settings.MAILERS = FAILING
    FollowUp.objects.create(agreement=seed["ikf2023"], year=2023)
    reminders.run_reminders(as_of=date(2024, 1, 16))
    settings.MAILERS = working
    return Reminder.objects.get()


def test_a_try_still_running_elsewhere_is_not_taken_again(failed_reminder):
    # another run has just claimed its try and is talking to the mail server
    Reminder.objects.filter(pk=failed_reminder.pk).update(
        attempts=failed_reminder.attempts + 1, last_attempt_at=timezone.now(), error=""
    )
    assert reminders.retry_unsent() == [] and mail.outbox == []
    assert not Reminder.objects.unsent().exists()  # not listed as failed while it runs


def test_a_try_that_died_with_its_process_is_taken_again(failed_reminder):
    long_ago = timezone.now() - outbox.in_flight_for() - timedelta(seconds=1)
    Reminder.objects.filter(pk=failed_reminder.pk).update(last_attempt_at=long_ago, error="")
    assert len(reminders.retry_unsent()) == 1 and len(mail.outbox) == 1


def test_a_row_whose_first_try_never_happened_is_sent_by_the_next_run(failed_reminder):
    """The row committed, then the process died (or the database went) before its try."""
    Reminder.objects.filter(pk=failed_reminder.pk).update(attempts=0, last_attempt_at=None, error="")
    assert len(reminders.retry_unsent()) == 1 and len(mail.outbox) == 1
    assert Reminder.objects.get().emailed_at is not None


def test_a_refused_recipient_is_not_written_to_the_log(failed_reminder, caplog):
    address = failed_reminder.recipient.email

    def refuse():
        raise smtplib.SMTPRecipientsRefused({address: (550, f"<{address}> no such user".encode())})

    with caplog.at_level(logging.WARNING, logger="core.outbox"):
        assert outbox.attempt(failed_reminder, refuse)
    [warning] = [r for r in caplog.records if r.name == "core.outbox"]
    assert "SMTPRecipientsRefused" in warning.getMessage() and address not in warning.getMessage()
    assert address in Reminder.objects.get().error  # the row keeps it for the admin


def test_the_upgrade_gives_up_on_reminders_that_failed_long_ago(failed_reminder):
    migration = importlib.import_module("notifications.migrations.0002_reminder_email_attempts")
    Reminder.objects.filter(pk=failed_reminder.pk).update(
        attempts=0, created_at=timezone.now() - timedelta(days=migration.STALE_AFTER_DAYS + 1)
    )
    migration.count_earlier_tries(apps, None)
    assert Reminder.objects.get().attempts == outbox.EMAIL_ATTEMPTS == migration.GIVEN_UP
    assert reminders.retry_unsent() == []
