"""Each role's start page at `/`, through the real URL and permissions: what it lists, where each
item links, and a number of queries that does not grow with the rows."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import PartnerMembership
from audit.models import AccessLogEntry
from participants.tests.factories import AgreementFactory, PlacementFactory
from partnerships.models import Agreement, Partner
from reports.models import FollowUp, Memo


@pytest.fixture
def today():
    return timezone.localdate()


def running(seed, key: str, today, *, ends_in_days: int) -> Agreement:
    """A seed agreement moved so that it runs today and ends `ends_in_days` from now."""
    agreement = seed[key]
    agreement.valid_from, agreement.valid_to = (
        today - timedelta(days=300),
        today + timedelta(days=ends_in_days),
    )
    agreement.save()
    return agreement


def text(response) -> str:
    return response.content.decode().replace("\u00a0", " ")


def test_the_official_sees_what_ends_and_what_waits(client, official, seed, today):
    ending = running(seed, "ikf2023", today, ends_in_days=100)
    running(seed, "hoppfull", today, ends_in_days=400)  # not within six months
    submitted = FollowUp.objects.create(
        agreement=seed["bro"], year=2023, summary="Text.", status="submitted", submitted_at=timezone.now()
    )
    Agreement.objects.filter(pk=seed["vises"].pk).update(
        stage="draft", updated_at=timezone.now() - timedelta(days=40)
    )
    client.force_login(official)
    response = client.get("/")
    assert response.status_code == 200
    page = text(response)
    assert f'href="{ending.get_absolute_url()}"' in page
    assert f'href="{seed["hoppfull"].get_absolute_url()}"' not in page
    assert f'href="{submitted.get_absolute_url()}"' in page
    assert f'href="/agreements/{seed["vises"].pk}/edit/"' in page


def test_a_decided_successor_takes_an_agreement_off_the_list(client, official, seed, today):
    ending = running(seed, "ikf2023", today, ends_in_days=100)
    AgreementFactory(
        predecessor=ending,
        valid_from=ending.valid_to + timedelta(days=1),
        valid_to=ending.valid_to + timedelta(days=365),
    )
    assert list(Agreement.objects.ending_within(days=183, on=today)) == []
    client.force_login(official)
    assert f'href="{ending.get_absolute_url()}"' not in text(client.get("/"))


def test_the_officials_page_takes_the_same_queries_for_one_row_or_many(client, official, seed, today):
    client.force_login(official)
    running(seed, "ikf2023", today, ends_in_days=100)
    client.get("/")
    cache.clear()  # the panels' build, not their cached copy (test_start_page_cache.py)
    with CaptureQueriesContext(connection) as few:
        client.get("/")
    for key in ["hoppfull", "bro", "vises", "sprak"]:
        running(seed, key, today, ends_in_days=90)
        FollowUp.objects.create(
            agreement=seed[key], year=2023, summary="T.", status="submitted", submitted_at=timezone.now()
        )
    cache.clear()
    with CaptureQueriesContext(connection) as many:
        response = client.get("/")
    assert text(response).count("Hoppfull framtid") >= 2
    assert len(many) == len(few)


def test_the_coordinator_sees_placements_and_the_view_is_logged(client, coordinator, seed, today):
    agreement = running(seed, "hoppfull", today, ends_in_days=400)
    starting = PlacementFactory(agreement=agreement, start=today + timedelta(days=5))
    ending = PlacementFactory(
        agreement=agreement, start=today - timedelta(days=20), planned_end=today + timedelta(days=10)
    )
    quiet = PlacementFactory(agreement=agreement, start=today - timedelta(days=100))
    client.force_login(coordinator)
    page = text(client.get("/"))
    assert f'href="{starting.participant.get_absolute_url()}"' in page
    assert f'href="/participants/placements/{ending.pk}/end/"' in page
    assert f'href="/participants/placements/{quiet.pk}/notes/new/"' in page
    assert f'href="/participants/agreements/{agreement.pk}/"' in page  # free capacity
    logged = set(
        AccessLogEntry.objects.filter(user=coordinator, url_name="home").values_list(
            "participant_id", flat=True
        )
    )
    assert logged == {starting.participant_id, ending.participant_id, quiet.participant_id}


def test_the_secretary_sees_reviews_draft_memos_and_next_year(client, secretary, seed, today):
    submitted = FollowUp.objects.create(
        agreement=seed["bro"], year=2023, summary="T.", status="submitted", submitted_at=timezone.now()
    )
    memo = Memo.objects.create(title="Utkast", date=today, committee=seed["bro"].committee)
    agreement = seed["ikf2023"]
    agreement.valid_to = today.replace(year=today.year + 1, month=12, day=31)
    agreement.save()
    client.force_login(secretary)
    page = text(client.get("/"))
    assert f'href="{submitted.get_absolute_url()}"' in page
    assert f'href="{memo.get_absolute_url()}"' in page
    assert 'href="/agreements/forecast/"' in page
    expected = next(a.committee_cost for a in agreement.schedule() if a.year == today.year + 1)
    assert f"{expected:,}".replace(",", " ") + " kr" in page


def test_the_partner_sees_its_own_sent_back_follow_up_with_the_reason(client, partner_user, seed, today):
    PartnerMembership.objects.create(
        user=partner_user, partner=Partner.objects.get(name="Internationella Kvinnoföreningen")
    )
    own = FollowUp.objects.create(
        agreement=seed["ikf2023"],
        year=2024,
        summary="T.",
        returned_reason="Ange antal.",
        returned_at=timezone.now(),
    )
    FollowUp.objects.create(
        agreement=seed["hoppfull"],
        year=2023,
        summary="T.",
        returned_reason="Annan part.",
        returned_at=timezone.now(),
    )
    running(seed, "ikf2023", today, ends_in_days=100)
    client.force_login(partner_user)
    page = text(client.get("/"))
    assert f'href="/portal/agreements/{own.agreement_id}/follow-ups/2024/"' in page
    assert "Ange antal." in page
    assert "Annan part." not in page and "Hoppfull framtid" not in page
    assert f'href="/portal/agreements/{own.agreement_id}/"' in page  # occupancy of the running agreement


def test_the_administrator_sees_locked_out_users(client, administrator):
    from axes.models import AccessAttempt

    AccessAttempt.objects.create(
        username="mallory",
        ip_address="127.0.0.1",
        failures_since_start=5,
        user_agent="x",
        get_data="",
        post_data="",
        http_accept="",
        path_info="/login/",
    )
    client.force_login(administrator)
    page = text(client.get("/"))
    assert "mallory" in page
    assert 'href="/audit/retention/"' in page


@pytest.mark.parametrize("role", ["coordinator", "secretary", "partner_user"])
def test_the_other_start_pages_take_the_same_queries_for_one_row_or_many(client, request, seed, today, role):
    user = request.getfixturevalue(role)
    PartnerMembership.objects.create(
        user=user, partner=Partner.objects.get(name="Internationella Kvinnoföreningen")
    )
    agreement = running(seed, "ikf2023", today, ends_in_days=100)
    client.force_login(user)

    def add(n: int) -> None:
        for _ in range(n):
            PlacementFactory(agreement=agreement, start=today + timedelta(days=3))
            PlacementFactory(agreement=agreement, start=today - timedelta(days=90))
        Memo.objects.create(title="Utkast", date=today, committee=agreement.committee)

    add(1)
    client.get("/")
    cache.clear()  # the panels' build, not their cached copy (test_start_page_cache.py)
    with CaptureQueriesContext(connection) as few:
        client.get("/")
    add(4)
    cache.clear()
    with CaptureQueriesContext(connection) as many:
        client.get("/")
    assert len(many) == len(few)


def test_the_administrator_sees_failed_background_jobs(client, administrator):
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.create(
        task_path="participants.tasks.gallra",
        status="FAILED",
        args_kwargs={"args": [], "kwargs": {}},
        backend_name="default",
        run_after=timezone.now(),
        finished_at=timezone.now(),
        exception_class_path="builtins.RuntimeError",
        traceback="RuntimeError: the database went away",
    )
    DBTaskResult.objects.create(
        task_path="notifications.tasks.send_reminders",
        status="SUCCESSFUL",
        args_kwargs={"args": [], "kwargs": {}},
        backend_name="default",
        run_after=timezone.now(),
        finished_at=timezone.now(),
    )
    client.force_login(administrator)
    page = text(client.get("/"))
    assert "Jobbet gallra misslyckades" in page
    assert "send_reminders" not in page
