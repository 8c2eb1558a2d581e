"""The little markup a memo section's text may hold, turned into safe HTML.

Blank line: new paragraph. Lines starting with "- ": a bulleted list (the guideline's criteria).
*text*: italic (the committee's goals, the follow-up memo (docs/domain.md)). [text](https://…): a link. [^1]: footnote 1.
A block whose lines all start with "|" is a table, cells between "|", the first line its heading
(the gender table of the follow-up memo, drafted from the data and edited like any text).
Everything else is escaped, so a memo can never carry markup of its own into the PDF.
"""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

BLOCK_SPLIT = re.compile(r"\n\s*\n")
ITALIC = re.compile(r"\*([^*\n]+)\*")
LINK = re.compile(r"\[([^\]\n]+)\]\((https?://[^\s)]+)\)")
FOOTNOTE = re.compile(r"\[\^(\d+)\]")


def footnote_refs(text: str) -> list[int]:
    """The footnote numbers `text` refers to, in order."""
    return [int(number) for number in FOOTNOTE.findall(text)]


def inline(text: str, footnotes: list[str]) -> str:
    html = escape(text)
    html = LINK.sub(r'<a href="\2">\1</a>', html)
    html = ITALIC.sub(r"<em>\1</em>", html)

    def footnote(match: re.Match) -> str:
        number = int(match.group(1))
        if not 1 <= number <= len(footnotes):
            return match.group(0)
        # The PDF floats the note to the foot of its page; the browser shows the number and a list.
        return (
            f'<span class="footnote-ref"><sup class="screen-only">{number}</sup>'
            f'<span class="footnote">{escape(footnotes[number - 1])}</span></span>'
        )

    return FOOTNOTE.sub(footnote, html)


def table_cells(line: str) -> list[str]:
    """ "| a | b |" → ["a", "b"]."""
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def render_table(lines: list[str], footnotes: list[str]) -> str:
    head, *body = [table_cells(line) for line in lines]

    def row(cells: list[str], tag: str) -> str:
        return "<tr>" + "".join(f"<{tag}>{inline(cell, footnotes)}</{tag}>" for cell in cells) + "</tr>"

    return (
        '<table class="memo-table"><thead>'
        + row(head, "th")
        + "</thead><tbody>"
        + "".join(row(cells, "td") for cells in body)
        + "</tbody></table>"
    )


def render_text(text: str, footnotes: list[str] | None = None) -> SafeString:
    footnotes = footnotes or []
    blocks = []
    for block in BLOCK_SPLIT.split(text.strip()):
        lines = [line.rstrip() for line in block.splitlines() if line.strip()]
        if lines and all(line.lstrip().startswith("|") for line in lines):
            blocks.append(render_table(lines, footnotes))
            continue
        html, paragraph, items = [], [], []

        def flush(html: list = html, paragraph: list = paragraph, items: list = items) -> None:
            if paragraph:
                html.append("<p>" + "<br>".join(inline(line, footnotes) for line in paragraph) + "</p>")
                paragraph.clear()
            if items:
                # The bullet is text, not a list marker, so a PDF reader's text keeps it with its line.
                html.append(
                    '<ul class="bullets">'
                    + "".join(
                        f'<li><span class="bullet">•</span>{inline(item, footnotes)}</li>' for item in items
                    )
                    + "</ul>"
                )
                items.clear()

        for line in lines:
            if line.lstrip().startswith("- "):
                if paragraph:
                    flush()
                items.append(line.lstrip()[2:])
            else:
                if items:
                    flush()
                paragraph.append(line.strip())
        flush()
        blocks.extend(html)
    return mark_safe("\n".join(blocks))  # noqa: S308 - every piece of text above is escaped
