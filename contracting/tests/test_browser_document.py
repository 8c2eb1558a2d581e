"""In the browser (issue 23, "Done when"): an official writes the agreement document, edits a
clause and sees the difference, records the decided version and uploads the copy both parties
signed (a test CA made here); the verified signers show on the page."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from contracting.models import AgreementDocument
from dashboard.tests.test_browser_start_pages import log_in

from .pki import TestCA

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_official_writes_edits_decides_and_records_the_signed_copy(
    page: Page, live_server, seed, official, settings, tmp_path
):
    ca = TestCA()
    roots = tmp_path / "roots.pem"
    roots.write_bytes(ca.pem)
    settings.SIGNATURE_TRUST_ROOTS = str(roots)
    ikf = seed["ikf2023"]

    log_in(page, live_server, official)
    page.goto(f"{live_server.url}{ikf.get_absolute_url()}")
    page.get_by_role("link", name="Överenskommelsen och dess underskrifter").click()
    page.get_by_role("button", name="Skriv överenskommelsen").click()
    expect(page.locator("#versions")).to_contain_text("Version 1")

    page.get_by_role("link", name="Redigera avsnitten").click()
    page.get_by_label("Text").nth(10).fill("Tvister avgörs av Linköpings tingsrätt.")
    page.get_by_role("button", name="Spara som ny version").click()
    expect(page.locator("h1")).to_contain_text("Version 2")
    expect(page.locator("#diff ins")).to_contain_text("Tvister avgörs av Linköpings tingsrätt.")
    expect(page.locator("#diff del").first).to_be_visible()

    page.get_by_role("button", name="Registrera som den version nämnden beslutade").click()
    expect(page.locator(".alert-info")).to_contain_text("Version 2 är den nämnden beslutade")

    decided = bytes(AgreementDocument.objects.get(agreement=ikf).decided_version.pdf)
    signed = ca.issue("Linköpings kommun").sign(ca.issue("Föreningen").sign(decided), field_name="Kommunen")
    page.get_by_role("link", name="Ladda upp ett undertecknat exemplar").click()
    page.get_by_label("Undertecknad av").select_option(label="Internationella Kvinnoföreningen")
    page.get_by_label("Undertecknad PDF").set_input_files(
        files=[{"name": "undertecknad.pdf", "mimeType": "application/pdf", "buffer": signed}]
    )
    page.get_by_role("button", name="Kontrollera och spara").click()
    signatures = page.locator("#signatures")
    expect(signatures).to_contain_text("Common Name: Föreningen, Country: SE")
    expect(signatures).to_contain_text("Common Name: Linköpings kommun, Country: SE")

    # an unsigned file is refused with the reason
    page.get_by_role("link", name="Ladda upp ett undertecknat exemplar").click()
    page.get_by_label("Undertecknad PDF").set_input_files(
        files=[{"name": "osignerad.pdf", "mimeType": "application/pdf", "buffer": decided}]
    )
    page.get_by_role("button", name="Kontrollera och spara").click()
    expect(page.get_by_text("Filen har ingen underskrift")).to_be_visible()
