"""In the browser, at 1,366 and 375 px: a coordinator assigning someone sees a full activity as
full, with the day a place frees up, and cannot choose it (issue 25: it vanished from the list;
the capacity message showed only on a forced POST)."""

from datetime import date
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from conftest import PASSWORD

from .factories import AgreementFactory, ParticipantFactory, PlacementFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [1366, 375])
def test_a_full_activity_shows_as_full_with_the_day_a_place_frees_up(
    page: Page, live_server, coordinator, width
):
    full = AgreementFactory(name="Fullsatt verksamhet", capacity_amount=Decimal("1"))
    AgreementFactory(name="Verksamhet med plats", capacity_amount=Decimal("5"))
    PlacementFactory(agreement=full, start=date(2023, 1, 1), planned_end=date(2023, 12, 31))
    person = ParticipantFactory()
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Användarnamn").fill(coordinator.username)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.goto(f"{live_server.url}/participants/{person.pk}/assign/?start=2023-03-01")
    row = page.locator("tr[data-full]")
    expect(row).to_contain_text("Fullsatt verksamhet")
    expect(row).to_contain_text("Fullt")
    expect(row).to_contain_text("en plats blir ledig 2024-01-01")
    expect(row.get_by_role("radio")).to_be_disabled()
    expect(page.get_by_role("radio", name="Verksamhet med plats")).to_be_enabled()
