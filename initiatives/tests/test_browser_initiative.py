"""In the browser (issue 23): an organisation submits an initiative at /initiativ/ (the proof of
work solved by the page's own script), follows it through its link, and an official finds it on
the start page, assesses every criterion and proceeds to the draft agreement. axe checks each
page on the way (tests/test_accessibility.py's rules)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from dashboard.tests.test_browser_start_pages import log_in
from initiatives.models import Initiative
from participants.tests.factories import CommitteeFactory
from partnerships.models import Agreement
from tests.test_accessibility import DESKTOP, problems

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FIELDS = {
    "title": "Språkcafé i Ryd",
    "organisation_name": "Föreningen Rydsgården",
    "organisation_number": "802500-0004",
    "contact_name": "Sara Exempelsson",
    "contact_email": "sara@example.org",
    "problem": "Föräldrar övar för lite svenska.",
    "target_group": "föräldrar som läser SFI",
    "activities": "Språkcafé två kvällar i veckan.",
    "period_from": "2027-01-01",
    "period_to": "2028-12-31",
    "own_premises": "120 000",
    "own_volunteers": "80 000",
    "requested_per_year": "150 000",
    "view_1": "Initiativet är vårt eget.",
}


def test_an_initiative_is_submitted_and_an_official_proceeds(
    page: Page, live_server, official, settings, mailoutbox
):
    settings.INITIATIVE_POW_MAX_NUMBER = 5000
    committee = CommitteeFactory()
    page.set_viewport_size(DESKTOP)
    found = []
    page.goto(f"{live_server.url}/initiativ/")
    found += problems(page, "/initiativ/")
    page.get_by_label("Nämnd").select_option(label=committee.name)
    page.get_by_role("button", name="Fortsätt").click()
    expect(page.locator("h1")).to_contain_text("Föreslå ett IOP till")
    for name, value in FIELDS.items():
        page.locator(f"[name={name}]").fill(value)
    found += problems(page, "/initiativ/?committee")
    expect(page.locator("[data-pow-status]")).to_have_text("Formuläret är klart att skicka.", timeout=30_000)
    page.get_by_role("button", name="Skicka initiativet").click()
    expect(page.locator(".alert-success")).to_contain_text("Tack! Ert initiativ har tagits emot.")
    follow = page.url
    assert "/initiativ/f/" in follow
    expect(page.locator("#status")).to_have_text("inlämnad")
    found += problems(page, "/initiativ/f/")
    initiative = Initiative.objects.get()
    assert initiative.own_contribution_per_year == Decimal(200_000) and len(mailoutbox) == 1

    log_in(page, live_server, official)
    page.locator("#initiatives").get_by_role("link", name="Språkcafé i Ryd").click()
    expect(page.locator("h1")).to_have_text("Språkcafé i Ryd")
    found += problems(page, "initiatives:detail")
    page.get_by_role("link", name="Bedöm kriterierna").click()
    found += problems(page, "initiatives:assess")
    page.locator("[name=dnr]").fill("AN 2026-123")
    for criterion in initiative.criteria.all():
        page.locator(f"[name=met_{criterion.number}]").select_option("yes")
        page.locator(f"[name=justification_{criterion.number}]").fill(f"Bedömning {criterion.number}.")
    page.get_by_role("button", name="Spara").click()
    expect(page.locator(".alert-success")).to_contain_text("Bedömningen sparades.")
    page.get_by_role("button", name="Gå vidare: skapa utkast till överenskommelse").click()
    agreement = Agreement.objects.get()
    expect(page).to_have_url(f"{live_server.url}{agreement.get_absolute_url()}")
    assert (agreement.stage, agreement.value_per_year, agreement.committee_cost_per_year) == (
        "draft",
        Decimal(350_000),
        Decimal(150_000),
    )
    assert agreement.case_number == "AN 2026-123" and agreement.initiative == initiative
    page.goto(follow)
    expect(page.locator("#status")).to_have_text("går vidare till överenskommelse")
    assert found == []
