"""The committee's budget frame for IOP against the forecast, and the warning when a draft or a
renewal would take a year over it (issue 24). Seed figures: 2023 commits 3 595 000 kr, 2024
459 000 kr (IKF); the demo's frame is 3 600 000 kr both years (partnerships/demo.py)."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from django.core import mail
from django.db import IntegrityError

from notifications.models import Reminder
from notifications.reminders import run_reminders
from partnerships import budget, services
from partnerships.forecast import build_forecast
from partnerships.models import Agreement, BudgetFrame, Committee


def test_the_forecast_holds_the_committed_cost_against_the_frame(seed):
    frames = BudgetFrame.objects.by_year(seed["ikf2023"].committee)
    forecast = build_forecast(Agreement.objects.for_forecast(), frames)
    assert forecast.frame_for(2023) == Decimal("3600000")
    assert forecast.left_within_frame(2023) == Decimal("5000")
    assert forecast.left_within_frame(2024) == Decimal("3141000")
    assert forecast.left_within_frame(2022) is None  # no frame that year
    assert all((forecast.left_within_frame(year) or 0) >= 0 for year in forecast.years)


def test_the_forecast_page_shows_the_frame_and_what_is_left(client, official, seed):
    client.force_login(official)
    html = client.get("/agreements/forecast/").content.decode().replace("\u00a0", " ")
    assert re.findall(r"data-year-frame>([^<]*)<", html) == ["", "", "", "3 600 000 kr", "3 600 000 kr"]
    assert [cell.strip() for cell in re.findall(r"data-year-left>([^<]*)<", html)] == [
        "",
        "",
        "",
        "5 000 kr",
        "3 141 000 kr",
    ]
    assert "över ramen" not in html


def test_a_year_over_the_frame_is_marked(client, official, seed):
    BudgetFrame.objects.filter(year=2023).update(amount=3_500_000)
    client.force_login(official)
    html = client.get("/agreements/forecast/").content.decode().replace("\u00a0", " ")
    assert "−95 000 kr" in html and "över ramen" in html


def test_a_renewal_over_the_frame_is_found(seed):
    """Hoppfull framtid renewed for 2024–2026 costs 1 100 000 kr a year (rate 0): with IKF's
    459 000 kr that is 1 559 000 kr in 2024, 59 000 kr over a frame of 1 500 000 kr."""
    BudgetFrame.objects.filter(year=2024).update(amount=1_500_000)
    renewal = services.renew(agreement=seed["hoppfull"])
    [excess] = budget.frame_excesses(renewal)
    assert (excess.year, excess.committed, excess.cost, excess.total, excess.over_by) == (
        2024,
        Decimal("459000"),
        Decimal("1100000"),
        Decimal("1559000"),
        Decimal("59000"),
    )
    BudgetFrame.objects.filter(year=2024).update(amount=1_559_000)  # exactly the frame: not over
    assert budget.frame_excesses(renewal) == []


def test_renewing_over_the_frame_warns_whoever_renews(client, official, seed):
    BudgetFrame.objects.filter(year=2024).update(amount=1_500_000)
    client.force_login(official)
    response = client.post(f"/agreements/{seed['hoppfull'].pk}/renew/", follow=True)
    text = response.content.decode().replace("\u00a0", " ")
    assert (
        "Med ”Hoppfull framtid” skulle AN ha åtaganden på 1 559 000 kr år 2024, 59 000 kr över "
        "budgetramen för IOP på 1 500 000 kr." in text
    )


def test_renewing_within_the_frame_warns_nobody(client, official, seed):
    client.force_login(official)
    response = client.post(f"/agreements/{seed['hoppfull'].pk}/renew/", follow=True)
    assert "budgetramen" not in response.content.decode()


def test_the_responsible_official_is_reminded_once(seed, official):
    official.email = "alice@example.org"
    official.save(update_fields=["email"])
    Agreement.objects.filter(pk=seed["hoppfull"].pk).update(responsible=official)
    BudgetFrame.objects.filter(year=2024).update(amount=1_500_000)
    renewal = services.renew(agreement=seed["hoppfull"])
    made = run_reminders(as_of=date(2023, 10, 1))
    warned = [r for r in made if r.kind == Reminder.Kind.OVER_BUDGET_FRAME]
    assert [(r.recipient, r.url) for r in warned] == [(official, renewal.get_absolute_url())]
    assert "59 000 kr över budgetramen" in warned[0].body.replace("\u00a0", " ")
    assert any(
        message.to == ["alice@example.org"] and "budgetramen" in message.subject for message in mail.outbox
    )
    again = run_reminders(as_of=date(2023, 10, 2))
    assert [r for r in again if r.kind == Reminder.Kind.OVER_BUDGET_FRAME] == []


def test_another_committees_official_is_not_reminded(seed, official):
    """The responsible official hears of it only while a member of the draft's committee."""
    other = Committee.objects.create(name="Socialnämnden (fiktiv)", abbreviation="SN", administration="SF")
    BudgetFrame.objects.create(committee=other, year=2024, amount=1)
    Agreement.objects.filter(pk=seed["hoppfull"].pk).update(responsible=official)
    BudgetFrame.objects.filter(year=2024).update(amount=1_500_000)
    renewal = services.renew(agreement=seed["hoppfull"])
    Agreement.objects.filter(pk=renewal.pk).update(committee=other)
    made = run_reminders(as_of=date(2023, 10, 1))
    assert [r for r in made if r.kind == Reminder.Kind.OVER_BUDGET_FRAME] == []


def test_one_frame_per_committee_and_year(seed):
    committee = seed["ikf2023"].committee
    with pytest.raises(IntegrityError):
        BudgetFrame.objects.create(committee=committee, year=2023, amount=1)


def test_a_frame_is_not_negative(seed):
    with pytest.raises(IntegrityError):
        BudgetFrame.objects.filter(year=2023).update(amount=-1)


def test_renewing_over_the_frame_reminds_the_responsible_official_at_once(client, official, seed):
    """The reminder and its e-mail are made when the draft is saved, not the next morning; the
    daily job then finds it made and sends nothing twice."""
    official.email = "alice@example.org"
    official.save(update_fields=["email"])
    Agreement.objects.filter(pk=seed["hoppfull"].pk).update(responsible=official)
    BudgetFrame.objects.filter(year=2024).update(amount=1_500_000)
    client.force_login(official)
    client.post(f"/agreements/{seed['hoppfull'].pk}/renew/")
    [reminder] = Reminder.objects.filter(kind=Reminder.Kind.OVER_BUDGET_FRAME)
    assert reminder.recipient == official and reminder.emailed_at is not None
    assert reminder.subject == "”Hoppfull framtid” skulle överskrida budgetramen"
    assert [m.subject for m in mail.outbox] == ["”Hoppfull framtid” skulle överskrida budgetramen"]
    made = run_reminders(as_of=date(2023, 10, 1))
    assert [r for r in made if r.kind == Reminder.Kind.OVER_BUDGET_FRAME] == []
    assert len([m for m in mail.outbox if "budgetramen" in m.subject]) == 1
