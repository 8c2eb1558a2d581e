"""The committee's overview table as an Excel workbook (the secretary pastes it into other papers)."""

from __future__ import annotations

from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from partnerships.models import Agreement, Committee
from partnerships.overview import Overview, build_overview
from partnerships.overview import overview_committee as _overview_committee

from .keyfigure_rows import KRONOR_COLUMNS, key_figure_headings, key_figure_rows
from .keyfigures import build_key_figures

KRONOR_FORMAT = '#,##0 "kr"'
DATE_FORMAT = "yy.mm.dd"


def as_text(cell: Cell) -> None:
    """Keep a cell's text as text, whatever it starts with.

    openpyxl stores a string beginning with "=" as a formula (and "#N/A" and the like as an
    error), and the overview's names, partners, target groups and purposes are free text anyone
    with an agreement form typed: "=HYPERLINK(…)" must reach Excel as those characters, not as a
    formula. The type "s" writes it as a plain string; the quote prefix keeps Excel from turning
    it into a formula when someone edits the cell. The text itself is left unchanged.
    """
    if isinstance(cell.value, str):
        cell.data_type = "s"
        cell.quotePrefix = True


def overview_workbook(overview: Overview) -> bytes:
    """The overview as the page prints it: amounts as numbers with a thousands format, Giltighet
    as a date shown yy.mm.dd, and a sums row. Every text cell is a plain string (`as_text`).

    The sums are formulas, `SUBTOTAL(109, …)` over the rows above, and the headings carry a filter
    (issue 25): a secretary who filters or edits a row sees the sum follow, as Excel's own tables
    do, instead of a fixed figure that no longer adds up."""
    rows = overview.rows
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Overview %(year)s") % {"year": overview.year}
    sheet.append([heading for _key, heading in overview.headings])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        texts = [str(text) for text in (row.name, row.partners, row.categorisation, row.purpose)]
        sheet.append([*texts, int(row.value), int(row.committee_cost), row.valid_to])
    total_row = len(rows) + 2
    sheet.append(
        [
            _("Total"),
            None,
            None,
            None,
            int(overview.total_value),
            int(overview.total_committee_cost),
            None,
        ]
    )
    for cell in sheet[total_row]:
        cell.font = Font(bold=True)
    for line in sheet.iter_rows(min_row=2, max_row=total_row):
        line[4].number_format = KRONOR_FORMAT
        line[5].number_format = KRONOR_FORMAT
        line[6].number_format = DATE_FORMAT
        for cell in line[:4]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for line in sheet.iter_rows():
        for cell in line:
            as_text(cell)
    if rows:  # after as_text, which would keep a formula's text as text
        for column in ("E", "F"):
            sheet[f"{column}{total_row}"] = f"=SUBTOTAL(109,{column}2:{column}{total_row - 1})"
        sheet.auto_filter.ref = f"A1:G{total_row - 1}"
    for index, width in enumerate([26, 30, 34, 44, 16, 16, 11], start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    by_id = Agreement.objects.in_bulk([row.agreement_id for row in rows])
    key_figures_sheet(workbook, [by_id[row.agreement_id] for row in rows], overview.year)
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()


def key_figures_sheet(workbook: Workbook, agreements: list, year: int) -> None:
    """A second sheet: the key figures of `year` per agreement and for them all, beside the
    previous year's (the one builder, reports/keyfigures.py, laid out by reports/keyfigure_rows.py),
    counts by gender suppressed under five as in the memo. The previous year's sum is of the
    same committees' decided agreements that ran in it."""
    sheet = workbook.create_sheet(_("Key figures %(year)s") % {"year": year})
    sheet.append(key_figure_headings())
    _bold_row(sheet, 1)
    committees = {agreement.committee_id for agreement in agreements}
    previous = Agreement.objects.decided().filter(committee__in=committees).valid_in(year - 1)
    report = build_key_figures(agreements, year, previous_agreements=previous)

    def number(value):
        if value is None or isinstance(
            value, str | int
        ):  # str: withheld under five (participants.disclosure)
            return value
        return int(value) if value == value.to_integral_value() else float(value)

    for row in key_figure_rows(report, masked=True):
        sheet.append([row[0], *[number(value) for value in row[1:]]])
    _bold_row(sheet, sheet.max_row)
    for line in sheet.iter_rows(min_row=2):
        for index in KRONOR_COLUMNS:
            line[index].number_format = KRONOR_FORMAT
    for line in sheet.iter_rows():
        for cell in line:
            as_text(cell)
    sheet.column_dimensions["A"].width = 30


def overview_committee(committee_id: int | None = None, *, among=None) -> Committee | None:
    """The committee an overview is for: the one asked for (Committee.DoesNotExist if there is no
    such committee among `among`, the committees the user sees), else the only committee there
    is, else None: every committee's agreements."""
    committees = Committee.objects.all() if among is None else among
    return _overview_committee(
        committees.get(pk=committee_id) if committee_id is not None else None, among=committees
    )


def overview_export(agreements, *, year: int, committee: Committee | None) -> bytes:
    """The overview of `year` as XLSX: the decided agreements among `agreements` (a draft is not
    the committee's yet), of `committee` where one is given (its heading: `cost_heading`)."""
    agreements = agreements.decided()
    if committee is not None:
        agreements = agreements.filter(committee=committee)
    return overview_workbook(build_overview(agreements, year=year, committee=committee))


def _bold_row(sheet, row: int) -> None:
    for cell in sheet[row]:
        cell.font = Font(bold=True)


def forecast_workbook(committee: Committee, forecast) -> bytes:
    """The budget forecast (partnerships/forecast.py) of one committee: one row per agreement, one
    column per year, a sums row; amounts as numbers with the kronor format."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Forecast %(committee)s") % {"committee": committee.abbreviation}
    sheet.append([_("Agreement"), _("Valid from"), _("Valid to"), *forecast.years])
    _bold_row(sheet, 1)
    for row in forecast.rows:
        sheet.append(
            [
                row.agreement.name,
                row.agreement.valid_from,
                row.agreement.valid_to,
                *[None if cell is None else int(cell) for cell in row.cells(forecast.years)],
            ]
        )
    sheet.append([_("Total"), None, None, *[int(forecast.total_for(year)) for year in forecast.years]])
    _bold_row(sheet, sheet.max_row)
    if forecast.has_frames:  # the committee's budget frame for IOP (issue 24)
        frames = [forecast.frame_for(year) for year in forecast.years]
        left = [forecast.left_within_frame(year) for year in forecast.years]
        sheet.append(
            [_("Budget frame for IOP"), None, None, *[None if v is None else int(v) for v in frames]]
        )
        sheet.append([_("Left within the frame"), None, None, *[None if v is None else int(v) for v in left]])
    for line in sheet.iter_rows(min_row=2):
        line[1].number_format = line[2].number_format = "yyyy-mm-dd"
        for cell in line[3:]:
            cell.number_format = KRONOR_FORMAT
        for cell in line:
            as_text(cell)
    for cell in sheet[1]:
        as_text(cell)
    sheet.column_dimensions["A"].width = 34
    for index in range(2, 4 + len(forecast.years)):
        sheet.column_dimensions[get_column_letter(index)].width = 14
    sheet.freeze_panes = "B2"
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()
