"""In the browser: one section of a memo beside its preview, which follows the typing; saved,
then exported with one click that downloads the new version."""

import pytest
from playwright.sync_api import expect

from conftest import PASSWORD
from reports.models import MemoVersion

from .pdftext import body


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_edit_a_section_see_the_preview_change_and_export(page, live_server, official):
    from partnerships import demo as partnerships_demo
    from reports import demo as reports_demo

    memo = reports_demo.load(partnerships_demo.load())["decision_memo"]

    page.goto(f"{live_server.url}/login/")
    page.fill("input[name=username]", official.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")

    page.goto(f"{live_server.url}{memo.get_absolute_url()}")
    page.click("a:has-text('Redigera')")
    page.click("#memo-parts >> text=Bakgrund")
    assert page.locator("textarea[name=body]").count() == 1  # one section at a time

    preview = page.locator("#memo-preview")
    assert "Texten skrivs medan man ser den." not in preview.inner_text()
    page.fill("textarea[name=body]", "Texten skrivs medan man ser den.")
    # The preview follows the typing before anything is saved.
    expect(preview).to_contain_text("Texten skrivs medan man ser den.")
    expect(page.locator("#preview-status")).to_contain_text("inte sparats")
    assert memo.sections.get(heading="Bakgrund").body != "Texten skrivs medan man ser den."

    page.click("button:has-text('Spara')")
    page.wait_for_selector("text=”Bakgrund” sparades.")
    assert "Texten skrivs medan man ser den." in preview.inner_text()
    assert memo.sections.get(heading="Bakgrund").body == "Texten skrivs medan man ser den."

    with page.expect_download() as download_info:
        page.click("button:has-text('Exportera som PDF')")
    download = download_info.value
    assert download.suggested_filename == "2022-09-27 IOP med Internationella Kvinnoföreningen.pdf"
    page.wait_for_selector("text=Version 1 är sparad.")
    pdf = open(download.path(), "rb").read()
    assert "Texten skrivs medan man ser den." in body(pdf)
    assert bytes(MemoVersion.objects.get(memo=memo).pdf) == pdf
