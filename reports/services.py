"""Operations that write a memo and its sections at once."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from core.concurrency import claim_version

from .models import Memo, MemoSection

if TYPE_CHECKING:
    from .drafting.base import MemoDraft


@transaction.atomic
def save_memo(*, form, sections) -> Memo:
    """Save an edited memo (MemoForm) with its sections (SectionFormSet), over the version the
    editor opened (EditConflict when someone else saved it since: core.concurrency)."""
    form.instance.version = claim_version(Memo, form.instance.pk, form.cleaned_data.get("seen_version"))
    memo = form.save()
    sections.save()
    return memo


@transaction.atomic
def save_draft(draft: MemoDraft, *, by) -> Memo:
    """Store a draft as an editable memo with its sections in order."""
    memo = Memo.objects.create(
        kind=draft.kind,
        title=draft.title,
        date=draft.date,
        case_number=draft.case_number,
        committee=draft.committee,
        agreement=draft.agreement,
        report_year=draft.report_year,
        decision_points=draft.decision_points,
        basis=draft.basis,
        administration=draft.administration,
        signer=draft.signer,
        recipients=draft.recipients,
        footnotes=draft.footnotes,
        created_by=by,
    )
    for order, section in enumerate(draft.sections, start=1):
        # One by one, not bulk_create, so every section gets its first history record.
        MemoSection.objects.create(
            memo=memo,
            order=order,
            level=section.level,
            heading=section.heading,
            body=section.body,
            overview_year=section.overview_year,
            agreement=section.agreement,
        )
    return memo
