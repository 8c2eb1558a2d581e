"""The peer of the memo PDF: the same memo written as .docx, converted by LibreOffice headless.

That is what a secretary does with Word: write the memo, save it as PDF. The .docx is built with
python-docx from the same `memo_context` the PDF template prints (title, decision points,
sections with their paragraphs, bullets and tables, the overview table), and LibreOffice
converts it.
The conversion's time (one `soffice --convert-to pdf` run, started warm: the profile exists and
the binaries are in the page cache) is the peer's figure.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import tempfile
import time
from html import unescape
from pathlib import Path

from django.utils.html import strip_tags

from core.templatetags.money import kr

BLOCK = re.compile(r"<(p|li|table)[^>]*>(.*?)</\1>", re.S)
ROW = re.compile(r"<tr>(.*?)</tr>", re.S)
CELL = re.compile(r"<t[hd][^>]*>(.*?)</t[hd]>", re.S)


def write_docx(context: dict, path: Path) -> None:
    from docx import Document
    from docx.shared import Pt

    document = Document()
    document.styles["Normal"].font.name = "Carlito"
    document.styles["Normal"].font.size = Pt(11.5)
    memo = context["memo"]
    header = document.sections[0].header.paragraphs[0]
    header.text = f"{context['municipality']}\t{context['administration']}\t{memo.date:%Y-%m-%d}"
    document.add_heading(memo.title, level=1)
    document.add_heading(context["decision_heading"], level=2)
    for number, point in enumerate(context["decision_points"], start=1):
        document.add_paragraph(f"{number}. {point}")
    for section in context["sections"]:
        document.add_heading(section.heading, level=2 if section.level == 1 else 3)
        for tag, text in BLOCK.findall(str(section.html)):
            if tag == "table":  # a section's own table (key figures, the gender table), as in the PDF
                rows = [
                    [unescape(strip_tags(cell)) for cell in CELL.findall(row)] for row in ROW.findall(text)
                ]
                table = document.add_table(rows=0, cols=len(rows[0]))
                table.style = "Table Grid"
                for values in rows:
                    for cell, value in zip(table.add_row().cells, values, strict=True):
                        cell.text = value
                continue
            style = "List Bullet" if tag == "li" else None
            document.add_paragraph(unescape(strip_tags(text)), style=style)
        if section.overview:
            rows = list(section.overview.rows)
            table = document.add_table(rows=1, cols=7)
            table.style = "Table Grid"
            headings = ["Namn", "Samverkanspart/-er", "Kategorisering/målgrupp", "Syfte"]
            for cell, text in zip(
                table.rows[0].cells, [*headings, "Värde/år", "Kostnad/år", "Giltighet"], strict=True
            ):
                cell.text = text
            for row in rows:
                cells = table.add_row().cells
                values = [row.name, row.partners, row.categorisation, row.purpose]
                values += [kr(row.value), kr(row.committee_cost), f"{row.valid_to:%y.%m.%d}"]
                for cell, text in zip(cells, values, strict=True):
                    cell.text = str(text)
    for number, text in context["footnotes"]:
        document.add_paragraph(f"{number} {text}")
    document.save(path)


def soffice() -> str | None:
    """LibreOffice's command, installed (Debian's libreoffice-writer-nogui) when missing."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None and shutil.which("apt-get"):
        sudo = [] if os.geteuid() == 0 else ["sudo", "-n"]
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run([*sudo, "apt-get", "update", "-qq"], env=env, capture_output=True)
        subprocess.run(
            [*sudo, "apt-get", "install", "-y", "-qq", "libreoffice-writer-nogui"],
            env=env,
            capture_output=True,
        )
        found = shutil.which("soffice") or shutil.which("libreoffice")
    return found


def convert(docx: Path, profile: Path) -> float:
    """Seconds LibreOffice takes to turn `docx` into PDF (one headless run)."""
    start = time.perf_counter()
    subprocess.run(
        [
            soffice(),
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(docx.parent),
            str(docx),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    elapsed = time.perf_counter() - start
    if not docx.with_suffix(".pdf").exists():
        raise RuntimeError(f"LibreOffice wrote no PDF for {docx}")
    return elapsed


@contextlib.contextmanager
def prepared(context: dict):
    """The memo written as .docx and LibreOffice warmed up on it (its profile made, its binaries in
    the page cache); yields a function that converts it once and returns the seconds taken."""
    with tempfile.TemporaryDirectory(prefix="bench-docx-") as folder:
        docx = Path(folder) / "memo.docx"
        write_docx(context, docx)
        profile = Path(folder) / "profile"
        convert(docx, profile)  # first run creates the profile: not counted
        yield lambda: convert(docx, profile)


def libreoffice_seconds(context: dict, repeat: int) -> list[float]:
    """Write the memo as .docx and time LibreOffice's conversion `repeat` times (after a warm-up)."""
    with prepared(context) as once:
        return [once() for _ in range(repeat)]
