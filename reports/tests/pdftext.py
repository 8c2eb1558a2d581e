"""Reading a memo PDF's text back, as a reader would, with pypdf."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader


def pages(pdf: bytes) -> list[str]:
    """Each page's text, no-break spaces as plain spaces."""
    return [page.extract_text().replace("\u00a0", " ") for page in PdfReader(io.BytesIO(pdf)).pages]


def squash(text: str) -> str:
    return " ".join(text.split())


def header_lines(lines: list[str]) -> int:
    """How many of a page's last lines are its header: municipality, administration, document
    type, date, "Dnr …" (only when the memo has a case number) and the page number."""
    return 6 if len(lines) >= 2 and lines[-2].startswith("Dnr ") else 5


def body(pdf: bytes) -> str:
    """The running text of the whole memo: every page without its page header (the header's
    lines come last in each page's text), whitespace collapsed."""
    texts = []
    for text in pages(pdf):
        lines = text.splitlines()
        texts.append("\n".join(lines[: -header_lines(lines)]))
    return squash("\n".join(texts))


def seed_lines(path) -> list[str]:
    """The seed memo's text lines, with its markdown (italics, bullets, the link) and superscript
    footnote marks turned into what a PDF reader sees. Table rows (tab-separated) are left out:
    tests check the table cell by cell."""
    result = []
    for line in path.read_text().splitlines():
        line = line.strip()
        if not line or "\t" in line:
            continue
        line = re.sub(r"\[([^\]]+)\]\(#\)", r"\1", line).replace("*", "").replace("¹", "1")
        result.append(squash(line.removeprefix("- ")))
    return result
