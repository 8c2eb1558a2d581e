"""Whole numbers typed into URLs and forms: one reading for every view (issue 25: the same check
was written by hand ten times, some with a length limit, some without)."""

from __future__ import annotations

# The largest bigint: a longer number names no row, and must not reach the database (a 500).
MAX_ID = 2**63 - 1


def whole_number(value: object, *, limit: int = MAX_ID) -> int | None:
    """`value` as a non-negative int when it is one written in ASCII digits ("12"; not "½", "١٢",
    "-1", " 1" or "1e3") no larger than `limit`; otherwise None."""
    text = str(value) if value is not None else ""
    if not (text.isascii() and text.isdigit()) or len(text) > len(str(limit)):
        return None
    number = int(text)
    return number if number <= limit else None
