"""In the browser (issue 26): an official ends an agreement early; its past year keeps its
figures, its last is prorated, later instalments are cancelled, it leaves the later years'
overview and forecast, and its open placement's coordinator has a task.

The agreement: 2023-01-01 – 2025-12-31, 450 000 kr committee cost a year in 2023 prices, +2 %;
paid quarterly. The partner gives three months' notice on 2024-03-15: last day 2024-06-14.
2024 runs 166 of its 366 days: 459 000 × 166 / 366 = 208 180.33 → 208 180 kr. Q1 2024 paid
(114 750 kr), Q2 takes the rest: 208 180 − 114 750 = 93 430 kr; Q3–Q4 2024 and the four 2025
instalments (468 180 / 4 = 117 045 kr each) are cancelled.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from dashboard.tests.test_browser_start_pages import log_in
from notifications.models import Reminder
from participants.tests.factories import AgreementFactory, PlacementFactory
from partnerships.forecast import build_forecast
from partnerships.models import Agreement, AgreementParty, Partner
from payments import services as payments

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_official_ends_an_agreement_early(page: Page, live_server, official, coordinator):
    agreement = AgreementFactory(
        name="Lång aktivitet",
        value_per_year=Decimal(900000),
        committee_cost_per_year=Decimal(450000),
        indexation_percent=Decimal(2),
        valid_to=date(2025, 12, 31),
        responsible=official,
    )
    AgreementParty.objects.create(agreement=agreement, partner=Partner.objects.create(name="Föreningen Lång"))
    payments.set_up_plan(agreement=agreement, frequency=4, by=official)
    first = agreement.instalments.get(year=2024, number=1)
    payments.mark_paid(
        instalment=first, paid_on=date(2024, 1, 2), amount=first.amount, reference="x", by=official
    )
    placement = PlacementFactory(agreement=agreement, start=date(2023, 2, 1))

    log_in(page, live_server, official)
    page.goto(f"{live_server.url}{agreement.get_absolute_url()}")
    page.get_by_role("link", name="Avsluta i förtid").click()
    page.locator("[name=kind]").select_option("notice")
    page.locator("[name=given_by]").select_option("partner")
    page.locator("[name=given_on]").fill("2024-03-15")
    page.locator("[name=notice_months]").fill("3")
    page.get_by_role("button", name="Avsluta överenskommelsen i förtid").click()
    expect(page.locator(".termination")).to_contain_text("Sista dag 2024-06-14")
    expect(page.locator(".alert-success")).to_contain_text("6 planerade delbetalningar makulerades")

    agreement = Agreement.objects.select_related("termination").get(pk=agreement.pk)
    assert agreement.valid_to == date(2025, 12, 31)
    assert [(y.year, int(y.committee_cost)) for y in agreement.schedule()] == [(2023, 450000), (2024, 208180)]
    rows = {
        (i.year, i.number): (i.status, int(i.amount)) for i in agreement.instalments.filter(year__gte=2024)
    }
    assert rows == {
        (2024, 1): ("paid", 114750),
        (2024, 2): ("planned", 93430),
        (2024, 3): ("cancelled", 114750),
        (2024, 4): ("cancelled", 114750),
        **{(2025, n): ("cancelled", 117045) for n in (1, 2, 3, 4)},
    }
    assert build_forecast([agreement]).totals == {2023: Decimal(450000), 2024: Decimal(208180)}
    page.goto(f"{live_server.url}/agreements/?year=2025")
    expect(page.get_by_role("link", name="Lång aktivitet")).to_have_count(0)
    page.goto(f"{live_server.url}/agreements/?year=2024")
    expect(page.get_by_role("link", name="Lång aktivitet")).to_have_count(1)
    task = Reminder.objects.get(kind=Reminder.Kind.PLACEMENT_AFTER_END)
    assert (task.recipient, task.url) == (coordinator, f"/participants/placements/{placement.pk}/end/")
