"""Every list's download: one table (headings and rows) as CSV or XLSX, the same for each list.

A list's view builds its rows from the same QuerySet and filters as its page (and only what the
role may see on that page), then calls `export_response(...)`. Values are str, int, Decimal,
date or None; money is whole kronor.

Formula injection: text that a spreadsheet would run as a formula (starting with "=", "+", "-",
"@", a tab or a carriage return; OWASP "CSV Injection") is kept inert. In CSV it gets a leading
apostrophe, which Excel and LibreOffice show as text. In XLSX the cell is written as a string
and marked with the quote prefix, so it stays text even when someone edits it, and the text
itself is unchanged (reports/xlsx.py `as_text` does the same for the overview workbook).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO, StringIO

from django.http import Http404, HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

FORMATS = ("csv", "xlsx")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
KRONOR_FORMAT = '#,##0 "kr"'


def looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def inert_csv(value: object) -> object:
    """A CSV cell: formula-looking text behind an apostrophe, numbers with a decimal comma
    (the CSV is for Swedish spreadsheets: semicolon-separated)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, Decimal):
        return f"{value:f}".replace(".", ",")
    if isinstance(value, (date, datetime)):
        return (
            value.isoformat(sep=" ", timespec="minutes") if isinstance(value, datetime) else value.isoformat()
        )
    if isinstance(value, int):
        return value
    text = str(value)
    return "'" + text if looks_like_formula(text) else text


def csv_bytes(headings: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    out = StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([inert_csv(str(heading)) for heading in headings])
    for row in rows:
        writer.writerow([inert_csv(value) for value in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # the BOM makes Excel read UTF-8


def _xlsx_value(value: object) -> object:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, bool) or value is None or isinstance(value, (int, date)):
        return value
    return str(value)


def xlsx_bytes(
    title: str,
    headings: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    kronor_columns: Iterable[int] = (),
) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31].translate({ord(c): " " for c in "[]:*?/\\"}) or "Export"
    sheet.append([str(heading) for heading in headings])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    kronor = set(kronor_columns)
    for row in rows:
        sheet.append([_xlsx_value(value) for value in row])
    for line in sheet.iter_rows():
        for index, cell in enumerate(line):
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, whatever it starts with
                cell.quotePrefix = True
            elif isinstance(cell.value, date):
                cell.number_format = "yyyy-mm-dd"
            elif index in kronor and cell.row > 1:
                cell.number_format = KRONOR_FORMAT
    for index in range(1, len(headings) + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 18
    sheet.freeze_panes = "A2"
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()


def export_response(
    fmt: str,
    *,
    filename: str,
    title: str,
    headings: Sequence[str],
    rows: Iterable[Sequence[object]],
    kronor_columns: Iterable[int] = (),
) -> HttpResponse:
    """The table as a download: `filename` without its extension, `fmt` "csv" or "xlsx"."""
    if fmt == "csv":
        response = HttpResponse(csv_bytes(headings, rows), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        response = HttpResponse(
            xlsx_bytes(title, headings, rows, kronor_columns=kronor_columns), content_type=XLSX_TYPE
        )
    else:
        raise Http404("No such format.")
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    response["Cache-Control"] = "private, no-store"
    return response
