"""The memo as a Word document (.docx), for case systems that file Word rather than PDF.

Built with python-docx from the same `memo_context` the PDF template prints, so it holds the
same parts in the same order: the header (municipality, administration, committee, date, Dnr
when there is one), the title, the proposed decision, each section with its paragraphs,
bullets, tables and the overview table, the decision basis, the signature, who the decision is
sent to and the footnotes. The section texts are read from their markup (reports/markup.py),
not from the HTML: italics stay italic and footnote references become superscript numbers
(python-docx writes no real footnotes, so the notes follow the memo, numbered as referred to).

The benchmark's Word peer (bench/memo_peer.py) writes its .docx with `write_docx` here.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from django.utils.translation import gettext as _

from core.formatting import format_kr, format_short_date

from . import markup

INLINE = re.compile(
    r"(?P<link>\[(?P<link_text>[^\]\n]+)\]\(https?://[^\s)]+\))"
    r"|(?P<italic>\*(?P<italic_text>[^*\n]+)\*)"
    r"|(?P<note>\[\^(?P<number>\d+)\])"
)


def _runs(paragraph, text: str, footnotes: list[str]) -> None:
    """`text`'s inline markup as runs: italic, links as their text, footnote numbers raised."""
    position = 0
    for match in INLINE.finditer(text):
        if match.start() > position:
            paragraph.add_run(text[position : match.start()])
        if match.group("link"):
            paragraph.add_run(match.group("link_text"))
        elif match.group("italic"):
            paragraph.add_run(match.group("italic_text")).italic = True
        elif 1 <= int(match.group("number")) <= len(footnotes):
            paragraph.add_run(match.group("number")).font.superscript = True
        else:
            paragraph.add_run(match.group(0))
        position = match.end()
    if position < len(text):
        paragraph.add_run(text[position:])


def _table(document, rows: list[list[str]], *, bold_last: bool = False):
    """A grid table whose first row is its heading (repeated on every page)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    table = document.add_table(rows=0, cols=len(rows[0]))
    table.style = "Table Grid"
    for index, cells in enumerate(rows):
        row = table.add_row()
        for cell, text in zip(row.cells, cells, strict=False):
            cell.text = ""
            run = cell.paragraphs[0].add_run(text)
            run.bold = index == 0 or (bold_last and index == len(rows) - 1)
    header = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header.append(repeat)
    return table


def _section_text(document, text: str, footnotes: list[str]) -> None:
    for block in markup.BLOCK_SPLIT.split(text.strip()):
        lines = [line.rstrip() for line in block.splitlines() if line.strip()]
        if not lines:
            continue
        if all(line.lstrip().startswith("|") for line in lines):
            _table(document, [markup.table_cells(line) for line in lines])
            continue
        paragraph = None
        for line in lines:
            stripped = line.strip()
            if stripped.startswith("- "):
                _runs(document.add_paragraph(style="List Bullet"), stripped[2:], footnotes)
                paragraph = None
                continue
            if paragraph is None:
                paragraph = document.add_paragraph()
            else:
                paragraph.add_run().add_break()
            _runs(paragraph, stripped, footnotes)


def _overview(document, overview) -> None:
    rows = [[heading for _key, heading in overview.headings]]
    for row in overview.rows:
        rows.append(
            [
                row.name,
                row.partners,
                row.categorisation,
                row.purpose,
                format_kr(row.value),
                format_kr(row.committee_cost),
                format_short_date(row.valid_to),
            ]
        )
    if not overview.rows:
        rows.append([_("No agreements are valid this year."), "", "", "", "", "", ""])
    total = [
        _("Total"),
        "",
        "",
        "",
        format_kr(overview.total_value),
        format_kr(overview.total_committee_cost),
        "",
    ]
    _table(document, [*rows, total], bold_last=True)


def _header(document, context: dict) -> None:
    """The page header: sender on the left, the document's type, date and Dnr on the right."""
    from docx.shared import Pt

    memo = context["memo"]
    header = document.sections[0].header
    table = header.add_table(rows=1, cols=2, width=document.sections[0].page_width)
    left, right = table.rows[0].cells
    sender = [context["municipality"], context["administration"], memo.committee.name]
    document_lines = [_("Memo"), f"{memo.date:%Y-%m-%d}"]
    if memo.case_number:
        document_lines.append(f"{_('Dnr')} {memo.case_number}")
    for cell, lines in ((left, sender), (right, document_lines)):
        cell.text = ""
        for index, line in enumerate(lines):
            paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
            run = paragraph.add_run(line)
            run.font.size = Pt(9)
            run.bold = index == 0
    header.paragraphs[0].text = ""


def build_document(context: dict):
    """The memo of `context` (reports.context.memo_context) as a python-docx Document."""
    from docx import Document
    from docx.shared import Pt

    document = Document()
    document.styles["Normal"].font.name = "Carlito"
    document.styles["Normal"].font.size = Pt(11.5)
    memo = context["memo"]
    document.core_properties.title = memo.title
    document.core_properties.author = context["municipality"]
    document.core_properties.language = "sv-SE"
    _header(document, context)
    document.add_heading(memo.title, level=1)
    document.add_heading(context["decision_heading"], level=2)
    for number, point in enumerate(context["decision_points"], start=1):
        document.add_paragraph(f"{number}. {point}")
    footnotes = [text for _number, text in context["footnotes"]]
    for index, section in enumerate(context["sections"]):
        document.add_heading(section.heading, level=2 if section.level == 1 else 3)
        _section_text(document, section.text, footnotes)
        if section.overview:
            _overview(document, section.overview)
        if index == 0:
            document.add_paragraph().add_run(_("Decision basis:")).bold = True
            for item in context["basis"]:
                document.add_paragraph(item)
    document.add_paragraph()
    document.add_paragraph(memo.administration)
    document.add_paragraph(memo.signer)
    document.add_paragraph().add_run(_("The decision is sent to:")).bold = True
    for recipient in context["recipients"] or ["-"]:
        document.add_paragraph(recipient)
    for number, text in context["footnotes"]:
        paragraph = document.add_paragraph()
        paragraph.add_run(str(number)).font.superscript = True
        paragraph.add_run(f" {text}")
    return document


def render_docx(context: dict) -> bytes:
    """The memo of `context` as .docx bytes."""
    buffer = io.BytesIO()
    build_document(context).save(buffer)
    return buffer.getvalue()


def write_docx(context: dict, path: Path) -> None:
    """The memo of `context` as a .docx file at `path` (the benchmark's Word peer)."""
    build_document(context).save(path)
