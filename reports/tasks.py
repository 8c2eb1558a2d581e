"""Background tasks of the reports app, run by the task worker (`manage.py run_worker`)."""

from __future__ import annotations

from django.db import transaction
from django.tasks import task


@task
def prepare_memo_pdf(memo_id: int) -> bool:
    """Render the memo's PDF ahead of its export (reports/prepared.py); whether it rendered.
    Idempotent: a memo whose prepared PDF is current is left alone."""
    from . import prepared  # here: the services and drafting that enqueue it sit below it

    return prepared.prepare(memo_id)


def prepare_after_commit(memo_id: int) -> None:
    """Enqueue `prepare_memo_pdf` once the edit is committed (the worker must read the saved
    memo). robust: a queue that cannot take it costs the next export a render, not the edit a
    server error after it was saved."""
    transaction.on_commit(lambda: prepare_memo_pdf.enqueue(memo_id), robust=True)
