"""Exporting memos: every export is stored as a new numbered, immutable PDF version.

The PDF is made (or taken from the prepared one, reports/prepared.py) before the memo's row is
locked: the lock only numbers and inserts, so a second export or an edit of the same memo never
waits out a render (the review of 2026-12-07)."""

from __future__ import annotations

import hashlib

from django.db import transaction
from django.db.models import Max

from . import pdf as rendering
from . import prepared
from .models import Memo, MemoVersion


def render_memo_pdf(memo: Memo) -> bytes:
    """The memo as it stands, rendered now as PDF (not stored)."""
    return rendering.html_to_pdf(prepared.memo_html(memo))


def export_memo(*, memo: Memo, by) -> MemoVersion:
    """Keep the memo's PDF as its next version, with SHA-256, who and when: the prepared PDF
    when the memo and its figures are unchanged since it was made, a new render otherwise.

    An edit saved between the render and the lock is not in this version (it is in the next
    export): the version is the memo as it stood when "Export" was clicked."""
    pdf = prepared.current_pdf(memo)
    return _store_version(memo, pdf, by=by)


@transaction.atomic
def _store_version(memo: Memo, pdf: bytes, *, by) -> MemoVersion:
    memo = Memo.objects.select_for_update().get(pk=memo.pk)
    number = (memo.versions.aggregate(last=Max("number"))["last"] or 0) + 1
    return MemoVersion.objects.create(
        memo=memo,
        number=number,
        pdf=pdf,
        sha256=hashlib.sha256(pdf).hexdigest(),
        size=len(pdf),
        created_by=by,
    )
