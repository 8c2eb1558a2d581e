"""Reading an import file into a table, within limits checked before the work they bound.

Issue 21 (rows 14 and 15): a 303 KiB .xlsx that inflated to 300 MB held one worker for 31 s
(the upload limit is on the compressed file), and a NUL character answered 500 on PostgreSQL,
whose jsonb cannot store U+0000 (the preview is stored as JSON). So:

- An XLSX is a zip: its members' sizes, as the zip's directory states them, are summed and the
  file refused over IMPORT_MAX_UNCOMPRESSED_MB, or when a large member inflates more than
  MAX_COMPRESSION_RATIO times (a bomb, not a spreadsheet), before anything is inflated. A
  directory that understates a size does not get past that: Python's zipfile inflates no more
  than the stated size and then fails the CRC, which is refused as an unreadable file.
- Rows: a CSV's lines are counted before it is parsed, an XLSX's rows are read as a stream that
  stops at the first row over IMPORT_MAX_ROWS.
- A NUL anywhere in the text is refused with its own message (stripping it would import
  something other than what the file says).
"""

from __future__ import annotations

import csv
import zipfile
from io import BytesIO

import tablib
from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import load_workbook

# Spreadsheet XML inflates 5–20 times; a member that inflates far more is padding.
MAX_COMPRESSION_RATIO = 100
RATIO_CHECKED_FROM_BYTES = 1024 * 1024
# Columns read from a sheet: the import's templates have about twenty. openpyxl's read-only rows
# are as wide as the sheet's declared dimension, so a small file declaring A1:XFD2000 gave 16,384
# cells a row (4 s and 350 MB for a 25 KB upload); columns beyond these are not read.
MAX_COLUMNS = 100


class ImportRefused(Exception):
    """The file itself cannot be read (not its rows: those are refused one by one)."""


def _unreadable() -> ImportRefused:
    return ImportRefused(_("The file could not be read as a spreadsheet."))


def _too_many_rows() -> ImportRefused:
    return ImportRefused(_("At most %(count)s rows at a time.") % {"count": settings.IMPORT_MAX_ROWS})


def _nul() -> ImportRefused:
    return ImportRefused(_("The file contains characters that are not allowed (NUL)."))


def check_zip(content: bytes) -> None:
    """Refuse an XLSX whose inflated size or compression ratio is over the limits."""
    try:
        members = zipfile.ZipFile(BytesIO(content)).infolist()
    except (zipfile.BadZipFile, ValueError) as error:
        raise _unreadable() from error
    total = sum(member.file_size for member in members)
    limit = settings.IMPORT_MAX_UNCOMPRESSED_MB * 1024 * 1024
    bomb = any(
        member.file_size >= RATIO_CHECKED_FROM_BYTES
        and member.file_size > MAX_COMPRESSION_RATIO * max(member.compress_size, 1)
        for member in members
    )
    if total > limit or bomb:
        raise ImportRefused(
            _(
                "The file unpacks to more than %(mb)s MB, more than a spreadsheet of at most "
                "%(count)s rows needs, so it was not read."
            )
            % {"count": settings.IMPORT_MAX_ROWS, "mb": settings.IMPORT_MAX_UNCOMPRESSED_MB}
        )


def _xlsx_table(content: bytes) -> tuple[list, list[tuple]]:
    check_zip(content)
    limit = settings.IMPORT_MAX_ROWS
    workbook = load_workbook(BytesIO(content), read_only=True, data_only=True)
    try:
        rows = workbook.active.iter_rows(values_only=True, max_col=MAX_COLUMNS)
        headers = list(next(rows, None) or [])
        table = []
        for values in rows:
            if len(table) >= limit:
                raise _too_many_rows()
            table.append(values)
    finally:
        workbook.close()
    return headers, table


def _csv_table(content: bytes) -> tuple[list, list[tuple]]:
    text = content.decode("utf-8-sig")
    if "\x00" in text:
        raise _nul()
    lines = text.splitlines()
    # A cell may hold a line break, so lines can outnumber rows, never the reverse: rows are
    # counted again after parsing.
    if sum(1 for line in lines if line.strip(";, \t")) > settings.IMPORT_MAX_ROWS + 1:
        raise _too_many_rows()
    first = lines[0] if lines else ""
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    dataset = tablib.Dataset().load(text, format="csv", delimiter=delimiter)
    return list(dataset.headers or []), list(dataset)


def read_table(content: bytes, file_name: str) -> tuple[list[str], list[tuple]]:
    """The file's headings (casefolded) and rows, or ImportRefused."""
    try:
        if file_name.lower().endswith(".xlsx"):
            headers, rows = _xlsx_table(content)
        elif file_name.lower().endswith(".csv"):
            headers, rows = _csv_table(content)
        else:
            raise ImportRefused(_("Upload an XLSX or CSV file."))
    except ImportRefused:
        raise
    except (UnicodeError, ValueError, KeyError, IndexError, csv.Error, Exception) as error:  # noqa: BLE001
        raise _unreadable() from error
    if len(rows) > settings.IMPORT_MAX_ROWS:
        raise _too_many_rows()
    headers = [str(h or "").casefold().strip() for h in headers]
    if any("\x00" in str(value) for row in [headers, *rows] for value in row if value is not None):
        raise _nul()
    return headers, rows
