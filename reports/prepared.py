"""Memos at a click (issue 22): the task worker renders a memo's PDF whenever its content changes,
and an export of unchanged content stores that PDF instead of rendering it in the request.

What decides the PDF's bytes is the HTML WeasyPrint lays out (the memo's fields and sections and
the registry's figures it prints, all through `memo_context`) and the renderer itself
(`reports.pdf.content_hash`). Building the HTML is a few per cent of an export; laying it out is
the rest. So an export builds the HTML, hashes it and looks for a prepared PDF of that hash: an
edit, or a change in the figures the memo prints, gives another hash and the export renders as
before. Nothing can serve a PDF of other content than the memo's current one, whatever signal
was missed; a missed signal only costs the render.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import translation

from . import pdf as rendering
from .context import memo_context
from .models import Memo, PreparedPdf
from .tasks import prepare_after_commit

TEMPLATE = "reports/pdf/memo.html"


def memo_html(memo: Memo) -> str:
    """The memo as the PDF prints it, as HTML."""
    return rendering.render_html(TEMPLATE, memo_context(memo))


def prepare_if_stale(memo: Memo, context: dict) -> bool:
    """The signal for a change in the figures a memo prints (no memo save tells of it): the memo's
    page, opened before "Export", hashes the HTML from the context it has built anyway and, when
    the prepared PDF is missing or stale, asks the worker for one; whether it asked. One query and
    a template render per page view, where watching every agreement's save would mean a signal
    in partnerships, below reports."""
    digest = rendering.content_hash(rendering.render_html(TEMPLATE, context))
    if PreparedPdf.objects.filter(memo=memo, content_hash=digest).exists():
        return False
    prepare_after_commit(memo.pk)
    return True


def keep(memo: Memo, *, content_hash: str, pdf: bytes) -> None:
    """Keep `pdf`, rendered from content hashing to `content_hash`, as the memo's prepared PDF."""
    PreparedPdf.objects.update_or_create(memo=memo, defaults={"content_hash": content_hash, "pdf": pdf})


def current_pdf(memo: Memo) -> bytes:
    """The memo's PDF as it stands: the prepared one when it was made from the same content,
    rendered now (and kept for the next export) when not."""
    html = memo_html(memo)
    digest = rendering.content_hash(html)
    prepared = (
        PreparedPdf.objects.filter(memo=memo, content_hash=digest).values_list("pdf", flat=True).first()
    )
    if prepared is not None:
        return bytes(prepared)
    pdf = rendering.html_to_pdf(html)
    keep(memo, content_hash=digest, pdf=pdf)
    return pdf


def prepare(memo_id: int) -> bool:
    """Render the memo's PDF if its prepared one is missing or stale; whether it rendered.

    The memo may have changed again while it rendered: the PDF is kept only if the content still
    hashes the same, so a slower task for an older edit never replaces a newer edit's PDF (that
    edit's own task renders it)."""
    with translation.override(settings.LANGUAGE_CODE):  # as the pages export it
        memo = Memo.objects.select_related("committee").filter(pk=memo_id).first()
        if memo is None:  # deleted meanwhile
            return False
        html = memo_html(memo)
        digest = rendering.content_hash(html)
        if PreparedPdf.objects.filter(memo=memo, content_hash=digest).exists():
            return False
        pdf = rendering.html_to_pdf(html)
        memo = Memo.objects.select_related("committee").filter(pk=memo_id).first()
        if memo is None or rendering.content_hash(memo_html(memo)) != digest:
            return False
        keep(memo, content_hash=digest, pdf=pdf)
        return True
