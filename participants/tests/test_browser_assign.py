"""In the browser: a coordinator registers a participant, assigns them, and sees the
agreement's occupancy rise."""

import re

import pytest
from playwright.sync_api import Page, expect

from conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def occupancy_row(page: Page, year: int):
    return page.locator("#occupancy-by-year tbody tr", has_text=str(year))


def normalised(text: str) -> str:
    return text.replace("\u00a0", " ")


def test_coordinator_registers_assigns_and_sees_occupancy_rise(page: Page, live_server, seed, coordinator):
    ikf = seed["ikf2023"]
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Användarnamn").fill(coordinator.username)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()

    page.goto(f"{live_server.url}{ikf.get_absolute_url()}?year=2024")
    assert "0 av 60 individer" in normalised(occupancy_row(page, 2024).inner_text())

    page.get_by_role("link", name="Deltagare", exact=True).click()
    page.get_by_role("link", name="Registrera deltagare").click()
    page.get_by_label("Personnummer eller samordningsnummer").fill("811218-9876")
    page.get_by_label("Förnamn").fill("Testa")
    page.get_by_label("Efternamn").fill("Webbsson")
    page.get_by_label("Kön").select_option(label="kvinna")
    page.get_by_label("Nivå (Arena Arbetsmarknad)").select_option(label="förberedande arbetsträning")
    page.get_by_role("button", name="Spara").click()
    expect(page.locator("h1")).to_have_text("Testa Webbsson")
    expect(page.locator("#personnummer")).to_have_text("19811218-9876")

    page.get_by_role("link", name="Anvisa", exact=True).click()
    page.get_by_label("Start").fill("2024-03-01")
    page.get_by_role("button", name="Visa överenskommelser").click()
    options = page.locator("#options")
    expect(options).to_contain_text("Inkludering på lika villkor")
    page.get_by_label("Inkludering på lika villkor").check()
    page.get_by_label("Planerat slut").fill("2024-12-31")
    page.get_by_label("Mål i handlingsplanen").fill("Delta i Må bra-gruppen varje vecka.")
    page.get_by_role("button", name="Anvisa", exact=True).click()
    expect(page.locator(".alert-success")).to_contain_text(
        "anvisades till ”Inkludering på lika villkor” från 2024-03-01"
    )
    expect(page.locator("#placements")).to_contain_text("pågående")

    page.goto(f"{live_server.url}{ikf.get_absolute_url()}?year=2024")
    assert "1 av 60 individer" in normalised(occupancy_row(page, 2024).inner_text())
    expect(page.locator("#yearly-figures")).to_have_text(
        re.compile(r"1 inskriven, 1 påbörjad, 0 avslutade\.")
    )
