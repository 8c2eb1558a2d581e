"""The names memo downloads get: the memo's date and title, as a case system files them.

"2022-03-30 Uppföljning av arbetsmarknadsnämndens idéburna offentliga partnerskap.pdf"
(issue 14). A title may hold anything a user typed, so the characters no file system takes
(`/ \\ : * ? " < > |`, control characters) become spaces, and the header that carries the name
is Django's RFC 6266 one with an ASCII fallback for the few clients that do not read `filename*`.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from django.utils.http import content_disposition_header

NOT_IN_FILE_NAMES = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]')
LONGEST_TITLE = 150  # characters; Windows' paths end at 260


def download_name(*, title: str, day: date, extension: str, version: int | None = None) -> str:
    """`2022-03-30 Title.pdf`; a later version says which (`…, version 2.pdf`), so two
    downloads of one memo do not overwrite each other."""
    cleaned = " ".join(NOT_IN_FILE_NAMES.sub(" ", title).split())
    if len(cleaned) > LONGEST_TITLE:
        cleaned = cleaned[: LONGEST_TITLE - 1].rstrip() + "…"
    suffix = f", version {version}" if version and version > 1 else ""
    return f"{day:%Y-%m-%d} {cleaned}{suffix}.{extension}".strip()


def attachment_header(filename: str) -> str:
    """`attachment; filename="2022-03-30 Uppfoljning ….pdf"; filename*=utf-8''2022-03-30%20Uppf%C3%B6ljning…`"""
    header = content_disposition_header(as_attachment=True, filename=filename)
    if "filename*=" not in header:
        return header  # plain ASCII: Django quoted it
    fallback = unicodedata.normalize("NFKD", filename).encode("ascii", "ignore").decode("ascii")
    return header.replace("; filename*=", f'; filename="{fallback}"; filename*=', 1)
