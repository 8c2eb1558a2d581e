"""A mail server that is down (issue 21, row 8): a reminder whose e-mail fails is reported as
failed, logged, listed for the systemförvaltare and sent by a later run, once; the tries are
bounded."""

from __future__ import annotations

import logging
import socket
from datetime import date

import pytest
from django.core import mail
from django.core.management import call_command

from core import outbox
from core.outbox import EMAIL_ATTEMPTS
from notifications import reminders
from notifications.models import Reminder
from notifications.tasks import send_reminders
from notifications.tests.test_reminders import people  # noqa: F401 - the fixture
from reports.models import FollowUp

FAILING = {"default": {"BACKEND": "notifications.tests.failing_backend.FailingBackend"}}


def closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on: SMTP there is refused, as with a stopped
    mail server."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def mail_server_down(settings):
    """The real SMTP backend pointed at a closed port; `.up()` puts the test mailbox back."""
    working = settings.MAILERS
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": closed_port(), "timeout": 5},
        }
    }

    class Server:
        @staticmethod
        def up() -> None:
            settings.MAILERS = working

    return Server


def remind(capsys, *args: str) -> str:
    call_command("remind", "--as-of", "2024-01-16", *args)
    return capsys.readouterr().out


def test_a_failed_e_mail_is_reported_listed_and_sent_once_by_a_later_run(
    people,  # noqa: F811
    seed,
    client,
    mail_server_down,
    capsys,
    caplog,
):
    FollowUp.objects.create(agreement=seed["ikf2023"], year=2023)
    with caplog.at_level(logging.WARNING, logger="core.outbox"):
        out = remind(capsys)
    assert "1 new reminder(s). E-mails: 0 sent, 1 failed, will be retried." in out
    reminder = Reminder.objects.get()
    assert reminder.emailed_at is None and reminder.attempts == 1
    assert "ConnectionRefusedError" in reminder.error
    [warning] = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert f"reminder {reminder.pk} failed (attempt 1 of {EMAIL_ATTEMPTS}, will be retried)" in (
        warning.getMessage()
    )
    # the systemförvaltare's start page lists it
    client.force_login(people["admin"])
    page = client.get("/").content.decode()
    assert "Påminnelse till dana kunde inte e-postas" in page and "försöker igen" in page

    # still down: the next run tries again and says so
    assert "0 new reminder(s). E-mails: 0 sent, 1 failed, will be retried." in remind(capsys)
    assert Reminder.objects.get().attempts == 2

    # up again: sent exactly once, and never again
    mail_server_down.up()
    assert "0 new reminder(s). E-mails: 1 sent, 0 failed." in remind(capsys)
    assert [m.to for m in mail.outbox] == [["dana@example.org"]]
    assert "Inkludering på lika villkor" in mail.outbox[0].subject
    assert "0 new reminder(s). E-mails: 0 sent, 0 failed." in remind(capsys)
    assert len(mail.outbox) == 1
    reminder = Reminder.objects.get()
    assert reminder.emailed_at is not None and reminder.attempts == 3
    assert "Påminnelse till dana kunde inte e-postas" not in client.get("/").content.decode()


def test_the_tries_are_bounded(people, seed, settings, capsys):  # noqa: F811
    working = settings.MAILERS
    settings.MAILERS = FAILING
    FollowUp.objects.create(agreement=seed["ikf2023"], year=2023)
    remind(capsys)
    for _ in range(EMAIL_ATTEMPTS - 2):
        assert "1 failed, will be retried" in remind(capsys)
    assert "0 sent, 0 failed, 1 failed for the last time" in remind(capsys)
    assert Reminder.objects.get().attempts == EMAIL_ATTEMPTS
    settings.MAILERS = working
    assert "E-mails: 0 sent, 0 failed." in remind(capsys)
    assert mail.outbox == []
    assert Reminder.objects.unsent().count() == 1  # still listed as not e-mailed


def test_the_daily_task_retries_too(people, seed, settings):  # noqa: F811
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    working = settings.MAILERS
    settings.MAILERS = FAILING
    FollowUp.objects.create(agreement=seed["ikf2023"], year=2023)
    assert send_reminders.call("2024-01-16") == 0
    settings.MAILERS = working
    assert send_reminders.call("2024-01-17") == 1
    assert send_reminders.call("2024-01-18") == 0
    assert len(mail.outbox) == 1


def test_a_reminder_sent_by_another_run_meanwhile_is_not_sent_again(people, seed, settings):  # noqa: F811
    """Two runs at once (the daily task and a manual `remind`): the try is claimed on the row,
    so a run that read the reminder before the other one sent it sends nothing."""
    working = settings.MAILERS
    settings.MAILERS = FAILING
    FollowUp.objects.create(agreement=seed["ikf2023"], year=2023)
    reminders.run_reminders(as_of=date(2024, 1, 16))
    settings.MAILERS = working
    stale = Reminder.objects.select_related("recipient").get()  # read by the slower run
    assert len(reminders.retry_unsent()) == 1  # the other run sends it
    assert len(mail.outbox) == 1
    assert outbox.attempt(stale, lambda: pytest.fail("sent twice")) is False
    assert len(mail.outbox) == 1


def test_a_hanging_smtp_server_times_out(monkeypatch):
    """Without a timeout a mail server that accepts and never answers holds the invitation's
    request and the daily job for ever; with it the e-mail fails and is retried."""
    from tests.test_settings_secrets import LONG_KEY, load_settings

    monkeypatch.delenv("EMAIL_URL", raising=False)  # the production default, smtp://localhost:25
    loaded = load_settings(monkeypatch, DEBUG="0", SECRET_KEY=LONG_KEY)
    assert loaded["MAILERS"]["default"]["OPTIONS"]["timeout"] == 10
    loaded = load_settings(monkeypatch, DEBUG="0", SECRET_KEY=LONG_KEY, EMAIL_TIMEOUT="3")
    assert loaded["MAILERS"]["default"]["OPTIONS"]["timeout"] == 3
