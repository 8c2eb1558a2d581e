"""The payment plans for the finance system: one row per instalment, as XLSX or CSV.

Free text (agreement names, references, reasons) is typed by users: a cell that begins with
"=", "+", "-", "@" or a tab would be read as a formula by a spreadsheet. XLSX cells are written
as plain strings with the quote prefix (as reports/xlsx.py's `as_text`); CSV text that begins
with one of those characters gets a leading apostrophe (OWASP's CSV-injection advice), so a
spreadsheet shows the text and never evaluates it.
"""

from __future__ import annotations

import csv
from io import BytesIO, StringIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

KRONOR_FORMAT = '#,##0 "kr"'
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def headings() -> list[str]:
    return [
        _("Committee"),
        _("Agreement"),
        _("Case number (Dnr)"),
        _("Partner(s)"),
        _("Year"),
        _("Instalment"),
        _("Due"),
        _("Planned amount"),
        _("Status"),
        _("Paid on"),
        _("Amount paid"),
        _("Reference"),
        _("Reason withheld"),
    ]


def rows(instalments) -> list[list]:
    """One list per instalment (select_related agreement and committee; partners prefetched)."""
    out = []
    for instalment in instalments:
        agreement = instalment.agreement
        out.append(
            [
                agreement.committee.name,
                agreement.name,
                agreement.case_number,
                ", ".join(party.partner.name for party in agreement.parties.all()),
                instalment.year,
                instalment.number,
                instalment.due_on,
                int(instalment.amount),
                str(instalment.get_status_display()),
                instalment.paid_on,
                None if instalment.paid_amount is None else int(instalment.paid_amount),
                instalment.reference,
                instalment.withheld_reason,
            ]
        )
    return out


def inert(value):
    """CSV text a spreadsheet will not evaluate."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def as_csv(instalments) -> bytes:
    """UTF-8 with a BOM (Excel then reads å, ä, ö), semicolon-separated as Swedish Excel expects."""
    out = StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(headings())
    for row in rows(instalments):
        writer.writerow(["" if value is None else inert(value) for value in row])
    return ("\ufeff" + out.getvalue()).encode()


def as_xlsx(instalments) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Payment plans")
    sheet.append(headings())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows(instalments):
        sheet.append(row)
    for line in sheet.iter_rows(min_row=2):
        line[7].number_format = KRONOR_FORMAT
        line[10].number_format = KRONOR_FORMAT
        line[6].number_format = line[9].number_format = "yyyy-mm-dd"
    for line in sheet.iter_rows():
        for cell in line:
            if isinstance(cell.value, str):
                cell.data_type = "s"
                cell.quotePrefix = True
    sheet.freeze_panes = "A2"
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()
