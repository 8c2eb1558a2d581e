"""In the browser: a coordinator changes a placement's planned end, days and goals; a later end
that the capacity cannot take is refused with the reason."""

from datetime import date
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from conftest import PASSWORD

from .factories import AgreementFactory, PlacementFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_coordinator_changes_a_placement(page: Page, live_server, coordinator):
    agreement = AgreementFactory(capacity_amount=Decimal("1"), valid_to=date(2023, 12, 31))
    placement = PlacementFactory(agreement=agreement, start=date(2023, 1, 1), planned_end=date(2023, 6, 30))
    PlacementFactory(agreement=agreement, start=date(2023, 7, 1), planned_end=date(2023, 12, 31))

    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Användarnamn").fill(coordinator.username)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.goto(f"{live_server.url}{placement.participant.get_absolute_url()}")

    page.get_by_role("link", name="Ändra anvisning").click()
    page.get_by_label("Planerat slut").fill("2023-08-31")
    page.get_by_role("button", name="Spara").click()
    expect(page.locator(".alert-danger").last).to_contain_text("har inte plats för anvisningen 2023")

    page.get_by_label("Planerat slut").fill("2023-05-31")
    page.get_by_label("Dagar per vecka").select_option("4")
    page.get_by_label("Mål i handlingsplanen").fill("Praktik i butik.")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_text(f"Anvisningen till ”{agreement.name}” ändrades.")).to_be_visible()
    expect(page.locator("body")).to_contain_text("(2023-05-31)")
    placement.refresh_from_db()
    assert (placement.planned_end, placement.days_per_week, placement.goals) == (
        date(2023, 5, 31),
        4,
        "Praktik i butik.",
    )
