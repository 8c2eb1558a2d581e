"""The committee's overview table as an Excel workbook (the secretary pastes it into other papers)."""
from __future__ import annotations

from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from partnerships.tables import OverviewRow

KRONOR_FORMAT = '#,##0 "kr"'
DATE_FORMAT = "yy.mm.dd"


def overview_workbook(rows: list[OverviewRow], year: int, cost_heading: str) -> bytes:
    """Rows as the overview prints them: amounts as numbers with a thousands format, Giltighet as a
    date shown yy.mm.dd, and a sums row."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Overview %(year)s") % {"year": year}
    headings = [
        _("Name"), _("Partner(s)"), _("Categorisation/target group"), _("Purpose of the activity"),
        _("Calculated value/year"), cost_heading, _("Validity"),
    ]
    sheet.append(headings)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        texts = [str(text) for text in (row.name, row.partners, row.categorisation, row.purpose)]
        sheet.append([*texts, int(row.value), int(row.committee_cost), row.valid_to])
    total_row = len(rows) + 2
    sheet.append([_("Total"), None, None, None, int(sum(r.value for r in rows)), int(sum(r.committee_cost for r in rows)), None])
    for cell in sheet[total_row]:
        cell.font = Font(bold=True)
    for line in sheet.iter_rows(min_row=2, max_row=total_row):
        line[4].number_format = KRONOR_FORMAT
        line[5].number_format = KRONOR_FORMAT
        line[6].number_format = DATE_FORMAT
        for cell in line[:4]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for index, width in enumerate([26, 30, 34, 44, 16, 16, 11], start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()
