"""The reminder job: who gets what and when, each reminder recorded and sent once; the `remind`
command and the daily task run the same function, and `--as-of` can be repeated safely."""

from __future__ import annotations

from datetime import date

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from accounts.models import PartnerMembership
from notifications.models import Reminder
from notifications.reminders import run_reminders
from notifications.tasks import send_reminders
from partnerships.models import Agreement, Partner
from reports import followups
from reports.models import FollowUp

Kind = Reminder.Kind


@pytest.fixture
def people(seed, official, secretary, partner_user, administrator):
    for user, address in [(official, "alice@example.org"), (partner_user, "dana@example.org")]:
        user.email = address
        user.save(update_fields=["email"])
    PartnerMembership.objects.create(
        user=partner_user, partner=Partner.objects.get(name="Internationella Kvinnoföreningen")
    )
    Agreement.objects.filter(pk__in=[a.pk for a in seed.values()]).update(responsible=official)
    return {"official": official, "secretary": secretary, "partner": partner_user, "admin": administrator}


def kinds(reminders) -> list[tuple[str, str]]:
    return sorted((r.recipient.username, r.kind) for r in reminders)


def ending(reminders) -> list:
    """Only the reminders about agreements ending (the job also opens and reminds follow-ups)."""
    return [r for r in reminders if r.kind in (Kind.AGREEMENT_ENDING_6M, Kind.AGREEMENT_ENDING_3M)]


def test_the_responsible_official_is_told_six_months_before_the_end_once(people, seed):
    # IKF 2023–2024 ends 2024-12-31: 183 days before is 2024-07-01; the day before is too early.
    assert ending(run_reminders(as_of=date(2024, 6, 30))) == []
    mail.outbox.clear()
    sent = ending(run_reminders(as_of=date(2024, 7, 1)))
    assert kinds(sent) == [("alice", Kind.AGREEMENT_ENDING_6M)]
    assert sent[0].url == seed["ikf2023"].get_absolute_url()
    assert [m.to for m in mail.outbox] == [["alice@example.org"]]
    assert "Inkludering på lika villkor" in mail.outbox[0].subject
    # the same day again, and the next day: nothing new, nothing e-mailed
    assert run_reminders(as_of=date(2024, 7, 1)) == []
    assert run_reminders(as_of=date(2024, 7, 2)) == []
    assert len(mail.outbox) == 1
    assert kinds(ending(run_reminders(as_of=date(2024, 10, 1)))) == [("alice", Kind.AGREEMENT_ENDING_3M)]
    assert Reminder.objects.filter(recipient=people["official"]).count() == 2


def test_an_agreement_with_a_decided_successor_gives_no_reminder(people, seed):
    # IKF 2021–2022 is followed by the decided 2023–2024 agreement; the four others ending
    # 2023-12-31 have none, so their official hears about each of them.
    assert ending(run_reminders(as_of=date(2022, 9, 1))) == []
    sent = ending(run_reminders(as_of=date(2023, 10, 1)))
    assert sorted(r.subject.split("”")[1] for r in sent) == [
        "Bro-modellen",
        "Hoppfull framtid",
        "Kompletterande språkträning",
        "Vi Ses!",
    ]
    assert {r.kind for r in sent} == {Kind.AGREEMENT_ENDING_3M}  # first seen inside three months


def test_the_partner_hears_30_days_before_the_follow_up_is_due_and_when_it_is_overdue(people, seed):
    # IKF's 2022 follow-up (the agreement before) is done, so the job has nothing older to open
    FollowUp.objects.create(
        agreement=seed["ikf2021"],
        year=2022,
        status="approved",
        submitted_at=timezone.now(),
        approved_at=timezone.now(),
    )
    follow_up = FollowUp.objects.create(agreement=seed["ikf2023"], year=2023)
    # the committee's deadline: 15 February of the following year
    assert seed["ikf2023"].committee.follow_up_deadline(2023) == date(2024, 2, 15)
    assert run_reminders(as_of=date(2024, 1, 15)) == []
    sent = run_reminders(as_of=date(2024, 1, 16))
    assert kinds(sent) == [("dana", Kind.FOLLOW_UP_DUE)]
    assert sent[0].url == f"/portal/agreements/{seed['ikf2023'].pk}/follow-ups/2023/"
    assert run_reminders(as_of=date(2024, 2, 15)) == []  # the deadline day is not overdue yet
    assert kinds(run_reminders(as_of=date(2024, 2, 16))) == [("dana", Kind.FOLLOW_UP_OVERDUE)]
    assert run_reminders(as_of=date(2024, 3, 1)) == []
    assert follow_up in FollowUp.objects.overdue(on=date(2024, 3, 1))
    assert follow_up not in FollowUp.objects.overdue(on=date(2024, 2, 15))


def test_approvers_hear_of_a_submission_and_the_partner_of_a_send_back(people, seed):
    today = timezone.localdate()  # the submission is dated now
    follow_up = FollowUp.objects.create(agreement=seed["ikf2023"], year=2023, summary="Text.")
    followups.submit(follow_up=follow_up, by=people["partner"])
    sent = run_reminders(as_of=today)
    # officials, the secretary and the administrator hold the approve permission; not the partner
    assert kinds(sent) == [
        ("alice", Kind.FOLLOW_UP_SUBMITTED),
        ("charlie", Kind.FOLLOW_UP_SUBMITTED),
        ("erik", Kind.FOLLOW_UP_SUBMITTED),
    ]
    followups.send_back(follow_up=follow_up, by=people["secretary"], reason="Ange antalet kvinnor.")
    sent = run_reminders(as_of=today)
    # a draft again, and long past its deadline: overdue too
    assert kinds(sent) == [("dana", Kind.FOLLOW_UP_OVERDUE), ("dana", Kind.FOLLOW_UP_SENT_BACK)]
    assert "Ange antalet kvinnor." in next(r for r in sent if r.kind == Kind.FOLLOW_UP_SENT_BACK).body
    # submitted again: a new submission is a new event for the approvers
    follow_up.refresh_from_db()
    followups.submit(follow_up=follow_up, by=people["partner"])
    assert len(run_reminders(as_of=today)) == 3


def test_the_command_runs_the_job_and_can_be_repeated(people, seed, capsys):
    FollowUp.objects.create(agreement=seed["ikf2023"], year=2023)
    call_command("remind", "--as-of", "2024-01-16")
    assert "1 new reminder(s). E-mails: 1 sent, 0 failed." in capsys.readouterr().out
    call_command("remind", "--as-of", "2024-01-16")
    assert "0 new reminder(s). E-mails: 0 sent, 0 failed." in capsys.readouterr().out
    assert Reminder.objects.count() == 1


def test_the_daily_task_calls_the_same_function(people, seed, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    FollowUp.objects.create(agreement=seed["ikf2023"], year=2023)
    assert send_reminders.call("2024-01-16") == 1
    assert send_reminders.enqueue("2024-01-16").return_value == 0
    assert Reminder.objects.get().kind == Kind.FOLLOW_UP_DUE


@pytest.mark.parametrize(
    ("month", "day", "year", "deadline"),
    [
        (2, 15, 2023, date(2024, 2, 15)),
        (2, 31, 2024, date(2025, 2, 28)),
        (2, 29, 2023, date(2024, 2, 29)),
        (3, 31, 2021, date(2022, 3, 31)),
    ],
)
def test_the_committee_deadline(seed, month, day, year, deadline):
    committee = seed["ikf2023"].committee
    committee.follow_up_due_month, committee.follow_up_due_day = month, day
    assert committee.follow_up_deadline(year) == deadline


def test_the_in_app_list_shows_the_users_own_reminders(client, people, seed):
    FollowUp.objects.create(agreement=seed["ikf2023"], year=2023, summary="Text.")
    run_reminders(as_of=date(2024, 1, 16))
    client.force_login(people["partner"])
    page = client.get("/reminders/").content.decode()
    assert "Uppföljningen av" in page or "Inkludering på lika villkor" in page
    client.force_login(people["official"])
    assert "Inkludering på lika villkor" not in client.get("/reminders/").content.decode()


def test_a_follow_up_nobody_started_is_opened_and_reminded(people, seed):
    # No follow-up row for IKF 2023 yet: 30 days before 15 February the job opens it (and one for
    # each other decided agreement that ran in 2023), and the partner is told.
    sent = run_reminders(as_of=date(2024, 1, 16))
    assert kinds(sent) == [("dana", Kind.FOLLOW_UP_DUE)]
    assert sorted(FollowUp.objects.filter(year=2023).values_list("agreement__name", flat=True)) == [
        "Bro-modellen",
        "Hoppfull framtid",
        "Inkludering på lika villkor",
        "Kompletterande språkträning",
        "Vi Ses!",
    ]
    assert FollowUp.objects.filter(year=2022).count() == 0  # no backlog invented
    assert run_reminders(as_of=date(2024, 1, 16)) == []
    assert FollowUp.objects.count() == 5
