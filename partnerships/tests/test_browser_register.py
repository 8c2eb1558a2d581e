"""In the browser: an official registers a partner and an agreement and finds it on the overview."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page: Page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()


def test_official_registers_partner_and_agreement(page: Page, live_server, official, seed):
    log_in(page, live_server, official.username)
    expect(page.get_by_role("heading", name="Att göra")).to_be_visible()  # the start page
    page.get_by_role("link", name="Överenskommelser").click()
    expect(page.get_by_role("heading", name=re.compile("IOP-överenskommelser"))).to_be_visible()

    page.get_by_role("link", name="Samverkansparter").click()
    page.get_by_role("link", name="Ny samverkanspart").click()
    page.locator("#id_name").fill("Föreningen Framåt")
    page.get_by_label("Organisationsnummer").fill("802002-4280")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_text("Samverkansparten ”Föreningen Framåt” sparades.")).to_be_visible()

    page.get_by_role("link", name="Överenskommelser").click()
    page.get_by_role("link", name="Ny överenskommelse").click()
    page.locator("#id_name").fill("Framåt tillsammans")
    page.locator("#id_committee").select_option(label="Arbetsmarknadsnämnden")
    page.locator("#id_stage").select_option(label="beslutad")
    page.get_by_label("Verksamhetens syfte").fill("arbetslik aktivitet (12 helårsplatser)")
    page.get_by_label("Beräknat värde per år").fill("1234567")
    page.get_by_label("Nämndens kostnad per år").fill("600 000")
    page.get_by_label("Prisnivå").fill("2024")
    page.get_by_label("Giltig från").fill("2024-01-01")
    page.get_by_label("Giltig till").fill("2024-12-31")
    page.locator("#id_parties-0-partner").select_option(label="Föreningen Framåt")
    # a decided agreement answers every criterion of its guideline, with a justification (issue 16)
    answers = page.locator("select[name^='criteria-fulfilled_']")
    assert answers.count() == 8  # KS2016-313
    for index in range(answers.count()):
        answers.nth(index).select_option("yes")
        page.locator("textarea[name^='criteria-justification_']").nth(index).fill("Enligt ansökan.")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_text("Överenskommelsen ”Framåt tillsammans” sparades.")).to_be_visible()

    page.goto(f"{live_server.url}/agreements/?year=2024")
    row = page.get_by_role("row").filter(has_text="Framåt tillsammans")
    text = row.inner_text().replace("\u00a0", " ")
    assert "1 234 567 kr" in text and "600 000 kr" in text and "24.12.31" in text
    assert "Föreningen Framåt" in text
