"""Exporting memos: every export is stored as a new numbered, immutable PDF version."""

from __future__ import annotations

import hashlib

from django.db import transaction
from django.db.models import Max

from .context import memo_context
from .models import Memo, MemoVersion
from .pdf import render_pdf


def render_memo_pdf(memo: Memo) -> bytes:
    """The memo as it stands, as PDF (not stored)."""
    return render_pdf("reports/pdf/memo.html", memo_context(memo))


@transaction.atomic
def export_memo(*, memo: Memo, by) -> MemoVersion:
    """Render the memo and keep the PDF as its next version, with SHA-256, who and when."""
    memo = Memo.objects.select_for_update().get(pk=memo.pk)
    pdf = render_memo_pdf(memo)
    number = (memo.versions.aggregate(last=Max("number"))["last"] or 0) + 1
    return MemoVersion.objects.create(
        memo=memo,
        number=number,
        pdf=pdf,
        sha256=hashlib.sha256(pdf).hexdigest(),
        size=len(pdf),
        created_by=by,
    )
