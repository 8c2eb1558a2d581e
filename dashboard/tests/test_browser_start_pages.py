"""In the browser, one per role: log in, land on the start page, follow one item to where the
work is done."""

from __future__ import annotations

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.utils import timezone
from django_otp.oath import totp
from playwright.sync_api import Page, expect

from accounts.models import PartnerMembership
from conftest import PASSWORD
from participants.tests.factories import PlacementFactory
from partnerships.models import Partner
from reports.models import FollowUp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page: Page, live_server, user) -> None:
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Användarnamn").fill(user.username)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    device = user.totpdevice_set.filter(confirmed=True).first()
    if device is not None:
        page.get_by_label("Kod från din autentiseringsapp").fill(f"{totp(device.bin_key):06d}")
        page.get_by_role("button").last.click()
    expect(page.locator("h1")).to_have_text("Att göra")


def run_today(agreement, days: int):
    today = timezone.localdate()
    agreement.valid_from, agreement.valid_to = today - timedelta(days=300), today + timedelta(days=days)
    agreement.save()
    return agreement


def test_the_official_opens_an_agreement_that_ends_soon(page: Page, live_server, seed, official):
    ikf = run_today(seed["ikf2023"], 100)
    log_in(page, live_server, official)
    page.locator("#ending").get_by_role("link", name=str(ikf)).click()
    expect(page).to_have_url(f"{live_server.url}{ikf.get_absolute_url()}")
    expect(page.get_by_role("link", name="Förnya")).to_be_visible()  # to the confirmation page


def test_the_coordinator_writes_a_note_for_someone_without_one(page: Page, live_server, seed, coordinator):
    agreement = run_today(seed["hoppfull"], 400)
    placement = PlacementFactory(agreement=agreement, start=timezone.localdate() - timedelta(days=90))
    log_in(page, live_server, coordinator)
    page.locator("#no-note").get_by_role("link", name=placement.participant.full_name).click()
    expect(page).to_have_url(f"{live_server.url}/participants/placements/{placement.pk}/notes/new/")


def test_the_secretary_opens_a_follow_up_to_review(page: Page, live_server, seed, secretary):
    follow_up = FollowUp.objects.create(
        agreement=seed["bro"], year=2023, summary="Text.", status="submitted", submitted_at=timezone.now()
    )
    log_in(page, live_server, secretary)
    page.locator("#review").get_by_role("link", name="Bro-modellen 2023").click()
    expect(page).to_have_url(f"{live_server.url}{follow_up.get_absolute_url()}")
    expect(page.get_by_role("button", name="Godkänn")).to_be_visible()


def test_the_partner_answers_a_follow_up_that_was_sent_back(page: Page, live_server, seed, partner_user):
    PartnerMembership.objects.create(
        user=partner_user, partner=Partner.objects.get(name="Internationella Kvinnoföreningen")
    )
    FollowUp.objects.create(
        agreement=seed["ikf2023"],
        year=2024,
        summary="T.",
        returned_reason="Ange antal.",
        returned_at=timezone.now(),
    )
    log_in(page, live_server, partner_user)
    expect(page.locator("#sent-back")).to_contain_text("Ange antal.")
    page.locator("#sent-back").get_by_role("link", name="Inkludering på lika villkor 2024").click()
    expect(page).to_have_url(f"{live_server.url}/portal/agreements/{seed['ikf2023'].pk}/follow-ups/2024/")
    expect(page.get_by_label("Sammanfattning")).to_be_visible()


def test_the_administrator_opens_a_locked_out_user(page: Page, live_server, administrator):
    attempt = AccessAttempt.objects.create(
        username="mallory",
        ip_address="127.0.0.1",
        failures_since_start=5,
        user_agent="x",
        get_data="",
        post_data="",
        http_accept="",
        path_info="/login/",
    )
    log_in(page, live_server, administrator)
    page.locator("#locked-out").get_by_role("link", name="mallory").click()
    expect(page).to_have_url(f"{live_server.url}/admin/axes/accessattempt/{attempt.pk}/change/")
