"""Uploads are checked by what they hold: a PDF must parse and carry nothing active, an Office
file must be an OOXML (or OpenDocument) package of its declared type; the rest is refused in
Swedish. Through the real upload URL, and on `check_upload` itself for the many cases."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from partnerships.models import AgreementAttachment
from partnerships.uploads import check_upload

from . import documents

REAL_PDF = documents.pdf()
REAL_DOCX = documents.docx()
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def check(name: str, content: bytes) -> str:
    return check_upload(SimpleUploadedFile(name, content, "application/pdf"))


def refusal(name: str, content: bytes) -> str:
    with pytest.raises(ValidationError) as refused:
        check(name, content)
    return refused.value.messages[0]


def upload(client, agreement, name: str, content: bytes):
    return client.post(
        reverse("partnerships:attachment_upload", args=[agreement.pk]),
        {"kind": "signed", "title": "", "file": SimpleUploadedFile(name, content, "application/pdf")},
        follow=True,
    )


def test_a_real_pdf_and_real_office_files_are_accepted():
    assert check("avtal.pdf", REAL_PDF) == "application/pdf"
    assert check("avtal.docx", REAL_DOCX) == DOCX_TYPE
    assert check("budget.xlsx", documents.xlsx()) == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert check("avtal.odt", documents.odt()) == "application/vnd.oasis.opendocument.text"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("faktura.pdf", b"%PDF-1.7\n<html><script>alert(1)</script></html>"),
        ("faktura.pdf", b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"),  # parses, but no page
        ("faktura.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200),
        ("faktura.pdf", b"%PDF-" + b"MZ\x90\x00" * 100),
        ("faktura.pdf", REAL_PDF[: len(REAL_PDF) // 2]),  # cut off
    ],
)
def test_what_only_starts_like_a_pdf_is_refused(name, content):
    assert refusal(name, content) == "Filens innehåll är inte ett PDF-dokument, vad namnet än säger."


@pytest.mark.parametrize(
    ("content", "named"),
    [
        (documents.pdf(javascript=True), "JS, JavaScript"),
        (documents.pdf(attachment=True), "EmbeddedFile"),
        (documents.pdf(launch=True), "Launch"),
        (documents.raw_pdf("/OpenAction << /S /J#61vaScript /JS (app.alert(1)) >>"), "JavaScript"),
        (documents.raw_pdf("/AcroForm << /Fields [] /XFA (x) >>"), "XFA"),
    ],
)
def test_a_pdf_with_scripts_actions_or_embedded_files_is_refused(content, named):
    message = refusal("avtal.pdf", content)
    assert message.startswith("PDF-filen innehåller skript, åtgärder eller inbäddade filer")
    assert named in message


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("avtal.docx", documents.package({"readme.txt": "just a zip"})),  # any zip renamed .docx
        ("avtal.docx", b"PK\x03\x04rest-of-zip"),
        ("avtal.docx", documents.xlsx()),  # a spreadsheet renamed .docx
        ("budget.xlsx", REAL_DOCX),
        ("bilder.pptx", REAL_DOCX),
        # a macro-enabled document renamed .docx
        ("avtal.docx", documents.docx(main_type="application/vnd.ms-word.document.macroEnabled.main+xml")),
        ("avtal.docx", documents.docx(with_main_part=False)),
        ("avtal.odt", documents.package({"mimetype": "application/x-msdownload", "content.xml": "<x/>"})),
        ("avtal.odt", REAL_DOCX),
    ],
)
def test_an_office_file_must_be_a_package_of_its_declared_type(name, content):
    suffix = name.rsplit(".", 1)[1].upper()
    assert refusal(name, content) == f"Filens innehåll är inte ett {suffix}-dokument, vad namnet än säger."


@pytest.mark.parametrize(
    "name", ["gammal.doc", "gammal.xls", "program.exe", "bild.svg", "sida.html", "avtal.docm"]
)
def test_other_types_are_refused(name):
    assert refusal(name, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest").startswith("Bara PDF- och Office-dokument")


def test_refused_uploads_save_nothing_and_say_why(client, official, seed):
    client.force_login(official)
    response = upload(client, seed["ikf2023"], "faktura.pdf", b"%PDF-1.4\n<html><body>hej</body></html>")
    assert "Filens innehåll är inte ett PDF-dokument" in response.content.decode()
    response = upload(client, seed["ikf2023"], "avtal.pdf", documents.pdf(javascript=True))
    assert "PDF-filen innehåller skript" in response.content.decode()
    assert AgreementAttachment.objects.count() == 0
    upload(client, seed["ikf2023"], "avtal.pdf", REAL_PDF)
    upload(client, seed["ikf2023"], "avtal.docx", REAL_DOCX)
    assert sorted(AgreementAttachment.objects.values_list("content_type", flat=True)) == [
        "application/pdf",
        DOCX_TYPE,
    ]
