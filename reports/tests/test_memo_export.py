"""Export in one step, downloads named from the date and title, the memo as Word, and the PDF's
layout read back with pypdf: the closing block together, no empty "Dnr", an unbroken heading."""

import io
from urllib.parse import quote

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from reports import drafting
from reports.context import memo_context
from reports.exports import export_memo, render_memo_pdf
from reports.models import Memo

from .pdftext import body, pages, squash

pytestmark = pytest.mark.django_db

DECISION_PDF_NAME = "2022-09-27 IOP med Internationella Kvinnoföreningen.pdf"


@pytest.fixture
def memo(demo) -> Memo:
    return demo["decision_memo"]


@pytest.fixture
def followup_memo(followup_draft, secretary) -> Memo:
    followup_draft.case_number = "AN 2022-00123"
    return drafting.save_draft(followup_draft, by=secretary)


def test_one_click_stores_a_version_and_starts_its_download(client, secretary, memo):
    client.force_login(secretary)
    response = client.post(reverse("reports:memo_export", args=[memo.pk]))
    version = memo.versions.get()
    assert response.status_code == 302
    assert response["Location"] == f"{memo.get_absolute_url()}?download=1"

    page = client.get(response["Location"])
    assert page["Refresh"] == f"0; url={version.get_absolute_url()}"
    messages = [str(m) for m in page.context["messages"]]
    assert messages == ["Version 1 är sparad. Nedladdningen startar av sig själv."]
    html = page.content.decode()
    assert version.sha256[:16] in html  # in the version list, not in the message
    assert version.get_absolute_url() in html  # the link, should the download not start

    download = client.get(version.get_absolute_url())
    assert download.content == bytes(version.pdf)
    assert "Refresh" not in client.get(memo.get_absolute_url())  # only right after the export


def test_the_download_is_named_from_the_date_and_title(client, secretary, memo):
    first = export_memo(memo=memo, by=secretary)
    second = export_memo(memo=memo, by=secretary)
    client.force_login(secretary)
    response = client.get(first.get_absolute_url())
    assert response["Content-Disposition"] == (
        'attachment; filename="2022-09-27 IOP med Internationella Kvinnoforeningen.pdf"; '
        f"filename*=utf-8''{quote(DECISION_PDF_NAME)}"
    )
    later = client.get(second.get_absolute_url())["Content-Disposition"]
    assert later.endswith(quote("2022-09-27 IOP med Internationella Kvinnoföreningen, version 2.pdf"))


def test_a_title_with_characters_no_file_name_takes_is_cleaned(client, secretary, memo):
    memo.title = 'Uppföljning 2021/2022: "IOP"\r\n; filename=evil.exe'
    memo.save()
    version = export_memo(memo=memo, by=secretary)
    client.force_login(secretary)
    header = client.get(version.get_absolute_url())["Content-Disposition"]
    assert "\r" not in header and "\n" not in header
    assert header.startswith(
        'attachment; filename="2022-09-27 Uppfoljning 2021 2022 IOP ; filename=evil.exe.pdf"; '
    )
    assert header.count('"') == 2


def test_the_memo_as_word_has_the_pdfs_headings_table_and_header(client, secretary, followup_memo):
    from docx import Document

    client.force_login(secretary)
    response = client.get(reverse("reports:memo_docx", args=[followup_memo.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument")
    assert response["Content-Disposition"].endswith(
        quote("2022-03-30 Uppföljning av arbetsmarknadsnämndens idéburna offentliga partnerskap.docx")
    )
    document = Document(io.BytesIO(response.content))

    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:3] == [
        "Uppföljning av arbetsmarknadsnämndens idéburna offentliga partnerskap",
        "Förslag till arbetsmarknadsnämndens beslut",
        "Ärende",
    ]
    assert "Översikt IOP inom arbetsmarknadsnämnden" in headings
    assert "Inkludering på lika villkor" in headings

    (table,) = [t for t in document.tables if t.rows[0].cells[0].text == "Namn"]
    cells = [[cell.text.replace("\u00a0", " ") for cell in row.cells] for row in table.rows]
    assert cells[0] == [
        "Namn",
        "Samverkanspart/-er",
        "Kategorisering/målgrupp",
        "Verksamhetens syfte",
        "Beräknat värde/år",
        "Kostnad AN/år",
        "Giltighet",
    ]
    assert cells[1] == [
        "Hoppfull framtid",
        "Linköpings Stadsmission",
        "delvis självständig → mycket självständig",
        "arbetslik aktivitet (40 helårsplatser)",
        "2 080 500 kr",
        "1 100 000 kr",
        "23.12.31",
    ]
    assert cells[-1][0] == "Summa" and cells[-1][4:6] == ["6 379 326 kr", "3 375 000 kr"]

    header = document.sections[0].header
    header_text = [p.text for table in header.tables for cell in table._cells for p in cell.paragraphs]
    assert header_text == [
        "Linköpings kommun",
        "Integration- och arbetsmarknadsförvaltningen",
        "Arbetsmarknadsnämnden",
        "Tjänsteskrivelse",
        "2022-03-30",
        "Dnr AN 2022-00123",
    ]
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Beslutet skickas till:" in text and "Mikaela Schullström" in text


def test_word_leaves_dnr_out_when_there_is_none(client, secretary, memo):
    from docx import Document

    client.force_login(secretary)
    document = Document(io.BytesIO(client.get(reverse("reports:memo_docx", args=[memo.pk])).content))
    header = [
        p.text for table in document.sections[0].header.tables for c in table._cells for p in c.paragraphs
    ]
    assert not any(line.startswith("Dnr") for line in header)


def test_the_last_page_holds_the_whole_closing_block(memo):
    """The decision memo's last page used to hold only "Beslutet skickas till: -"."""
    last = pages(render_memo_pdf(memo))[-1]
    assert "Beslutet skickas till:" in last
    assert memo.signer and memo.signer in last
    assert memo.administration in squash(last.split("Beslutet skickas till:")[0])


@pytest.mark.parametrize("which", ["decision", "followup"])
def test_the_last_page_holds_more_than_the_closing_block(memo, followup_memo, which):
    """Issue 25: the decision memo's page 4 (4) held only the signature and the recipients; the
    last section now goes with them."""
    memo = memo if which == "decision" else followup_memo
    last = squash(pages(render_memo_pdf(memo))[-1])
    assert "Information eller förhandling enligt lag (1976:580)" in last
    assert last.index("Information eller förhandling") < last.index("Beslutet skickas till:")


def test_no_space_is_added_after_a_decision_points_number(followup_memo):
    """Issue 25: "1.  Informationen noteras." had a space besides the number's own width."""
    html = render_to_string("reports/pdf/_memo_content.html", memo_context(followup_memo))
    assert '<span class="number">1.</span>Informationen noteras.' in html
    assert "1. Informationen noteras." in body(render_memo_pdf(followup_memo))


def test_no_dnr_when_the_memo_has_none(memo, followup_memo):
    assert memo.case_number == ""
    assert not any("Dnr" in page for page in pages(render_memo_pdf(memo)))
    assert all("Dnr AN 2022-00123" in page for page in pages(render_memo_pdf(followup_memo)))


def test_the_overviews_heading_is_not_broken_after_the_hyphen(followup_memo):
    text = body(render_memo_pdf(followup_memo))
    assert "Samverkanspart/-er" in text
    assert "/- er" not in text


def test_reloading_an_address_for_a_button_is_a_swedish_405_with_a_way_back(client, secretary, demo):
    """Issue 25: reloading a memo's export URL (a POST-only address) showed a blank 405 page."""
    memo = demo["decision_memo"]
    client.force_login(secretary)
    response = client.get(reverse("reports:memo_export", args=[memo.pk]))
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    text = response.content.decode()
    assert "Adressen hör till en knapp" in text
    assert f'href="{memo.get_absolute_url()}"' in text
    assert memo.versions.count() == 0
