"""An import refuses, before parsing, a file that unpacks too large or holds too many rows, and
a file with a NUL character (issue 21, rows 14 and 15), through the real upload page."""

from __future__ import annotations

import zipfile
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from imports import files as import_files
from imports.models import ImportBatch
from imports.services import PARTNER_COLUMNS

from .test_import import csv_file, xlsx

pytestmark = pytest.mark.django_db

SHEET = "xl/worksheets/sheet1.xml"


def bomb(megabytes: int) -> SimpleUploadedFile:
    """A real workbook whose sheet XML is padded with `megabytes` MB of blank rows: tiny zipped."""
    template = zipfile.ZipFile(BytesIO(xlsx(list(PARTNER_COLUMNS), []).read()))
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for member in template.infolist():
            if member.filename != SHEET:
                archive.writestr(member, template.read(member))
                continue
            head, tail = template.read(member).decode().split("</sheetData>")
            with archive.open(SHEET, "w") as sheet:
                sheet.write(head.encode())
                chunk = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>' * 20_000
                for _ in range(megabytes * 1024 * 1024 // len(chunk) + 1):
                    sheet.write(chunk)
                sheet.write(("</sheetData>" + tail).encode())
    return SimpleUploadedFile("import.xlsx", out.getvalue())


def refusal(client, file) -> str:
    response = client.post(reverse("imports:upload"), {"kind": "partners", "file": file})
    assert response.status_code == 200
    assert ImportBatch.objects.count() == 0
    return response.content.decode()


@pytest.fixture
def no_parsing(monkeypatch):
    """Fails the test if the workbook is opened: a refusal "before parsing" must not get there."""

    def refuse(*args, **kwargs):
        raise AssertionError("the workbook was parsed")

    monkeypatch.setattr(import_files, "load_workbook", refuse)


def test_a_zip_bomb_is_refused_before_it_is_read(client, official, settings, no_parsing):
    settings.IMPORT_MAX_UNCOMPRESSED_MB = 20
    file = bomb(30)
    assert file.size < 300 * 1024  # under the 5 MB upload limit by far
    client.force_login(official)
    assert "packas upp till mer än 20 MB" in refusal(client, file)


def test_a_file_that_inflates_a_hundredfold_is_refused_under_the_size_limit(
    client, official, settings, no_parsing
):
    settings.IMPORT_MAX_UNCOMPRESSED_MB = 20
    client.force_login(official)
    assert "packas upp till mer än" in refusal(client, bomb(5))


ROW = ["Föreningen Exempel", "802002-4280", "ideell förening", "", "", ""]


@pytest.mark.parametrize("make", [xlsx, csv_file], ids=["xlsx", "csv"])
def test_rows_over_the_limit_are_refused_and_at_the_limit_read(client, official, settings, make):
    settings.IMPORT_MAX_ROWS = 3
    client.force_login(official)
    assert "Högst 3 rader åt gången." in refusal(client, make(list(PARTNER_COLUMNS), [ROW] * 4))
    response = client.post(
        reverse("imports:upload"), {"kind": "partners", "file": make(list(PARTNER_COLUMNS), [ROW] * 3)}
    )
    assert response.status_code == 302
    assert len(ImportBatch.objects.get().rows) == 3


@pytest.mark.parametrize("where", ["cell", "heading"])
def test_a_nul_character_is_refused_with_a_message(client, official, where):
    headings, row = list(PARTNER_COLUMNS), list(ROW)
    if where == "cell":
        row[3] = "Anna\x00Andersson"
    else:
        headings[-1] = "Telefon\x00"
    client.force_login(official)
    assert "Filen innehåller otillåtna tecken (NUL)." in refusal(client, csv_file(headings, [row]))


def test_a_sheet_declaring_thousands_of_columns_is_read_only_as_wide_as_the_import_needs():
    """A 25 KB workbook whose one far cell (XFD) made every row 16,384 cells wide."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["name", "organisation_number"])
    for n in range(2000):
        sheet.append([f"Förening {n}", ""])
    sheet["XFD1"] = "far away"
    out = BytesIO()
    book.save(out)
    headers, rows = import_files.read_table(out.getvalue(), "wide.xlsx")
    assert len(headers) == import_files.MAX_COLUMNS
    assert len(rows) == 2000 and {len(row) for row in rows} == {import_files.MAX_COLUMNS}
