"""The memo's PDF as it was laid out before issue 22's cut (its template and stylesheet of
2026-12-07, copied here unchanged), rendered by today's helper, so `make bench` times the layout
before and after side by side in one run (bench/inprocess.py: memo_pdf).

The old stylesheet is put inline and parsed with every render, as the old template's link was
(the fetcher reads only the static folder, where today's is); its font URLs, relative to css/
there, are made relative to the static folder itself.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from django.template import engines

from reports import pdf as rendering
from reports.context import memo_context
from reports.models import Memo

FOLDER = Path(__file__).parent / "templates" / "bench" / "legacy_memo"


@cache
def template():
    css = (FOLDER / "memo.css").read_text().replace("url(../fonts/", "url(fonts/")
    content = (FOLDER / "_memo_content.html").read_text()
    text = (
        "{% load i18n %}<!doctype html>{% get_current_language as LANGUAGE_CODE %}"
        '<html lang="{{ LANGUAGE_CODE }}"><head><meta charset="utf-8"><title>{{ memo.title }}</title>'
        '<meta name="author" content="{{ municipality }}"><style>'
        + css
        + '</style></head><body class="memo">'
        + content
        + "</body></html>"
    )
    return engines["django"].from_string(text)


def render(memo: Memo) -> bytes:
    """The memo's PDF in the layout before the cut."""
    return rendering.html_to_pdf(template().render({**memo_context(memo), "pdf": True}), stylesheets=[])
