"""Ending an agreement early (issue 26), through the page, with every figure worked by hand.

The agreement: 2023-01-01 – 2025-12-31, 900 000 kr value and 450 000 kr committee cost a year in
2023 prices, +2 % a year, paid quarterly. Full years: 2023 900 000 / 450 000; 2024 918 000 /
459 000; 2025 936 360 / 468 180 (450 000 × 1.02² = 468 180).

The partner gives three months' notice on 2024-03-15: the last day is 2024-06-14. 2024 (a leap
year, 366 days) is covered from 1 January to 14 June: 31 + 29 + 31 + 30 + 31 + 14 = 166 days, so
2024 costs 459 000 × 166 / 366 = 208 180.33 → 208 180 kr and is worth 918 000 × 166 / 366 =
416 360.66 → 416 361 kr. 2025 is not run at all.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.models import PartnerMembership
from notifications.models import Reminder
from participants.tests.factories import AgreementFactory, PlacementFactory
from partnerships.forecast import build_forecast
from partnerships.models import Agreement, AgreementParty, Partner
from partnerships.overview import build_overview
from payments import services as payments
from payments.models import Instalment

NOTICE = {
    "kind": "notice",
    "given_by": "partner",
    "given_on": "2024-03-15",
    "notice_months": "3",
    "reason": "",
    "decision_date": "2024-03-28",
    "case_number": "AN 2024/17",
}


@pytest.fixture
def agreement(db, official, partner_user):
    agreement = AgreementFactory(
        name="Lång aktivitet",
        value_per_year=Decimal(900000),
        committee_cost_per_year=Decimal(450000),
        indexation_percent=Decimal(2),
        valid_to=date(2025, 12, 31),
        responsible=official,
    )
    partner = Partner.objects.create(name="Föreningen Lång", bankgiro="50501055")
    AgreementParty.objects.create(agreement=agreement, partner=partner, role="lead")
    PartnerMembership.objects.create(user=partner_user, partner=partner)
    payments.set_up_plan(agreement=agreement, frequency=4, by=official)
    return agreement


def pay(agreement, year, *numbers):
    for instalment in agreement.instalments.filter(year=year, number__in=numbers):
        payments.mark_paid(
            instalment=instalment, paid_on=instalment.due_on, amount=instalment.amount, reference="x", by=None
        )


def end(client, user, agreement, **changes):
    client.force_login(user)
    return client.post(reverse("terminations:terminate", args=[agreement.pk]), {**NOTICE, **changes})


def costs(agreement) -> dict[int, tuple[int, int]]:
    return {row.year: (int(row.value), int(row.committee_cost)) for row in agreement.schedule()}


def test_past_years_keep_their_figures_and_the_last_is_prorated(client, official, agreement):
    assert costs(agreement) == {2023: (900000, 450000), 2024: (918000, 459000), 2025: (936360, 468180)}
    response = end(client, official, agreement)
    assert response.status_code == 302
    agreement = Agreement.objects.get(pk=agreement.pk)
    assert agreement.valid_to == date(2025, 12, 31)  # the end it was signed with stays
    assert agreement.effective_end == date(2024, 6, 14)
    assert costs(agreement) == {2023: (900000, 450000), 2024: (416361, 208180)}
    assert agreement.termination.case_number == "AN 2024/17"


def test_later_instalments_are_cancelled_and_the_last_year_adds_up(client, official, agreement):
    pay(agreement, 2023, 1, 2, 3, 4)
    pay(agreement, 2024, 1)  # 114 750 paid for Q1 2024
    end(client, official, agreement)
    agreement = Agreement.objects.get(pk=agreement.pk)
    rows = {(i.year, i.number): (i.status, int(i.amount)) for i in agreement.instalments.all()}
    assert [rows[(2023, n)] for n in (1, 2, 3, 4)] == [("paid", 112500)] * 4
    # 2024: Q1 paid stays; Q2 takes what is left of 208 180: 208 180 − 114 750 = 93 430;
    # Q3 and Q4 lie after 14 June: cancelled with their old 114 750.
    assert [rows[(2024, n)] for n in (1, 2, 3, 4)] == [
        ("paid", 114750),
        ("planned", 93430),
        ("cancelled", 114750),
        ("cancelled", 114750),
    ]
    # 2025: 468 180 / 4 = 117 045 each, all cancelled
    assert [rows[(2025, n)] for n in (1, 2, 3, 4)] == [("cancelled", 117045)] * 4
    assert payments.overpaid_years(agreement) == {}
    assert payments.is_in_step(agreement, list(agreement.instalments.all()))


def test_more_paid_than_the_shortened_year_costs_is_flagged(client, official, agreement):
    """Hävning on 2024-02-10: 2024 runs 31 + 10 = 41 days and costs 459 000 × 41 / 366 =
    51 418.03 → 51 418 kr; Q1's 114 750 was paid, 114 750 − 51 418 = 63 332 kr too much. Q2–Q4
    of 2024 and the four of 2025 are cancelled: seven."""
    pay(agreement, 2024, 1)
    end(
        client,
        official,
        agreement,
        kind="rescission",
        given_on="2024-02-10",
        notice_months="",
        reason="Brott mot avtalet.",
    )
    agreement = Agreement.objects.get(pk=agreement.pk)
    assert agreement.effective_end == date(2024, 2, 10)
    assert costs(agreement)[2024] == (102836, 51418)  # value 918 000 × 41 / 366 = 102 836.07
    assert payments.overpaid_years(agreement) == {2024: Decimal(63332)}
    assert agreement.instalments.filter(status=Instalment.Status.CANCELLED).count() == 3 + 4
    page = client.get(reverse("payments:plan_detail", args=[agreement.pk]))
    assert "63\xa0332\xa0kr" in page.content.decode()


def test_forecast_and_overview_drop_what_no_longer_runs(client, official, agreement):
    end(client, official, agreement)
    agreement = Agreement.objects.select_related("termination").get(pk=agreement.pk)
    forecast = build_forecast([agreement])
    assert forecast.years == [2023, 2024]
    assert forecast.totals == {2023: Decimal(450000), 2024: Decimal(208180)}
    assert build_overview(Agreement.objects.decided(), year=2025).rows == ()
    row_2024 = build_overview(Agreement.objects.decided(), year=2024).rows[0]
    # the overview prints the yearly rate of a year the agreement runs in, and its last day
    assert (row_2024.committee_cost, row_2024.valid_to) == (Decimal(459000), date(2024, 6, 14))
    assert Agreement.objects.valid_in(2025).count() == 0
    assert list(Agreement.objects.years()) == [2023, 2024]
    assert Agreement.objects.with_status(date(2024, 7, 1)).get().current_status == "ended"


def test_open_placements_give_their_coordinators_a_task_and_people_are_told(
    client, official, coordinator, partner_user, agreement
):
    still_open = PlacementFactory(agreement=agreement, start=date(2023, 2, 1))
    PlacementFactory(agreement=agreement, start=date(2023, 2, 1), planned_end=date(2024, 5, 31))
    PlacementFactory(agreement=agreement, start=date(2023, 2, 1), ended=True, actual_end=date(2023, 12, 31))
    end(client, official, agreement)
    tasks = Reminder.objects.filter(kind=Reminder.Kind.PLACEMENT_AFTER_END)
    assert [(t.recipient, t.url) for t in tasks] == [
        (coordinator, reverse("participants:placement_end", args=[still_open.pk]))
    ]
    assert "2024-06-14" in tasks.get().subject
    told = Reminder.objects.filter(kind=Reminder.Kind.AGREEMENT_ENDED_EARLY)
    assert sorted(r.recipient.username for r in told) == sorted([official.username, partner_user.username])


def test_the_renewal_chain_shows_it_ended_early(client, official, agreement):
    successor = AgreementFactory(
        name="Lång aktivitet", predecessor=agreement, stage="draft", valid_from=date(2024, 7, 1)
    )
    end(client, official, agreement)
    page = client.get(successor.get_absolute_url()).content.decode()
    assert "ended-early" in page and "2024-06-14" in page


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"given_on": "2025-10-15"}, "notice_months"),  # last day 2026-01-14: past the end anyway
        ({"kind": "rescission", "notice_months": "", "reason": ""}, "reason"),
        ({"notice_months": ""}, "notice_months"),
        ({"case_number": ""}, "case_number"),
    ],
)
def test_a_termination_that_does_not_hold_is_refused(client, official, agreement, changes, field):
    response = end(client, official, agreement, **changes)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Agreement.objects.get(pk=agreement.pk).ended_early


def test_only_who_edits_the_agreement_ends_it(client, coordinator, secretary, agreement):
    assert end(client, coordinator, agreement).status_code == 403
    assert end(client, secretary, agreement).status_code == 403
    assert not Agreement.objects.get(pk=agreement.pk).ended_early


def test_a_notice_date_outside_the_registers_years_is_a_form_error(client, official, agreement):
    response = end(client, official, agreement, given_on="9999-12-01")
    assert response.status_code == 200 and "given_on" in response.context["form"].errors
