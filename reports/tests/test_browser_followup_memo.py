"""In the browser: the secretary drafts the 2021 follow-up memo, exports it and downloads the PDF."""

import pytest

from conftest import PASSWORD
from reports.models import MemoVersion

from .pdftext import body
from .test_memo_pdf import OVERVIEW_ROWS


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_secretary_drafts_exports_and_downloads_the_follow_up_memo(page, live_server, secretary):
    from partnerships import demo as partnerships_demo
    from reports import demo as reports_demo

    reports_demo.load(partnerships_demo.load())

    page.goto(f"{live_server.url}/login/")
    page.fill("input[name=username]", secretary.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")

    page.click("nav >> text=Tjänsteskrivelser")
    page.click("text=Ny uppföljningsskrivelse")
    page.fill("input[name=report_year]", "2021")
    page.fill("input[name=overview_year]", "2022")
    page.fill("input[name=date]", "2022-03-30")
    page.fill("input[name=case_number]", "AN 2022-00123")
    page.click("button:has-text('Skapa utkast')")

    # Every section can be edited before export: change one and save.
    page.wait_for_selector("text=Redigera tjänsteskrivelse")
    signer = page.locator("input[name=signer]")
    assert signer.input_value() == "Mikaela Schullström"
    page.click("button:has-text('Spara')")

    preview = page.locator("#memo-preview")
    preview.wait_for()
    preview_text = " ".join(preview.inner_text().replace("\u00a0", " ").split())
    assert "Sammanfattning och återrapport 2021" in preview_text
    assert "6 379 326 kr" in preview_text

    # One click stores the version and downloads it.
    with page.expect_download() as download_info:
        page.click("button:has-text('Exportera som PDF')")
    download = download_info.value
    assert download.suggested_filename == (
        "2022-03-30 Uppföljning av arbetsmarknadsnämndens idéburna offentliga partnerskap.pdf"
    )
    page.wait_for_selector("#versions a")
    pdf = open(download.path(), "rb").read()

    assert pdf.startswith(b"%PDF")
    text = body(pdf).replace("/ ", "/")  # "Kategorisering/ målgrupp" breaks after the slash
    assert "Samverkanspart/-er" in text
    for row in OVERVIEW_ROWS:
        assert row in text
    assert "Summa 6 379 326 kr 3 375 000 kr" in text
    version = MemoVersion.objects.get()
    assert bytes(version.pdf) == pdf
    assert version.created_by == secretary
