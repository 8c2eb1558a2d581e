"""In the browser: a partner's insatsledare does its part, and sees nothing of other partners."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import Page, expect

from accounts.models import PartnerMembership
from conftest import PASSWORD
from participants.tests.factories import ParticipantFactory, PlacementFactory
from partnerships.models import Partner
from reports.models import FollowUp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_partner_reports_attendance_notes_and_its_follow_up(page: Page, live_server, seed, partner_user):
    PartnerMembership.objects.create(
        user=partner_user, partner=Partner.objects.get(name="Internationella Kvinnoföreningen")
    )
    PlacementFactory(
        agreement=seed["ikf2023"],
        start=date(2024, 1, 8),
        participant=ParticipantFactory(first_name="Amina", last_name="Exempelsson"),
    )
    other = PlacementFactory(
        agreement=seed["hoppfull"],
        start=date(2022, 1, 10),
        participant=ParticipantFactory(first_name="Bertil", last_name="Annansson"),
    )

    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Användarnamn").fill(partner_user.username)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    expect(page.locator("h1")).to_have_text("Att göra")  # the start page (dashboard)
    page.get_by_role("link", name="Vår verksamhet").click()
    expect(page.locator("h1")).to_have_text("Internationella Kvinnoföreningen")
    assert "Hoppfull framtid" not in page.content()

    page.get_by_role("link", name="Inkludering på lika villkor").first.click()
    page.get_by_role("link", name="Amina Exempelsson").click()
    page.get_by_label("Datum").first.fill("2024-01-10")
    page.get_by_label("närvarande").check()
    page.get_by_role("button", name="Spara närvaro").click()
    expect(page.get_by_text("Närvaron för 2024-01-10 sparades.")).to_be_visible()

    page.locator("#id_date").nth(1).fill("2024-01-12")
    page.get_by_label("Progression").select_option(label="viss progression")
    page.get_by_label("Anteckning").fill("Deltar i Må bra-gruppen varje vecka.")
    page.get_by_role("button", name="Spara anteckning").click()
    expect(page.get_by_text("Deltar i Må bra-gruppen varje vecka.")).to_be_visible()

    page.get_by_role("link", name="Inkludering på lika villkor (2023–2024)").click()
    page.locator("tr", has_text="2024").get_by_role("link", name="Skriv").click()
    page.get_by_label("Genomförande").select_option(label="fysiskt")
    page.get_by_label("Sammanfattning").fill("Må bra-grupper varje vecka under hela året.")
    page.get_by_role("button", name="Spara och lämna in").click()
    expect(page.get_by_text("Uppföljningen lämnades in.")).to_be_visible()
    follow_up = FollowUp.objects.get(agreement=seed["ikf2023"], year=2024)
    assert (follow_up.status, follow_up.enrolled, follow_up.submitted_by_id) == (
        "submitted",
        1,
        partner_user.pk,
    )

    # another partner's placement and agreement are simply not there
    response = page.goto(f"{live_server.url}/portal/placements/{other.pk}/")
    assert response.status == 404
    response = page.goto(f"{live_server.url}/agreements/{seed['hoppfull'].pk}/")
    assert response.status == 404
