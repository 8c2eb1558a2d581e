"""Operations that write a memo and its sections at once."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from core.concurrency import claim_version

from .models import Memo, MemoRecipient, MemoSection
from .tasks import prepare_after_commit

if TYPE_CHECKING:
    from .drafting.base import MemoDraft


def _claim(memo: Memo, seen_version: int | None) -> int:
    """The memo's next version over the one the editor opened (EditConflict otherwise), stored
    with an UPDATE of that column only: a section's save changes the memo's version, not the
    memo, so the memo's history gets no record without a change (issue 14)."""
    version = claim_version(Memo, memo.pk, seen_version)
    Memo.objects.filter(pk=memo.pk).update(version=version)
    memo.version = version
    return version


@transaction.atomic
def save_memo(*, form, sections=None) -> Memo:
    """Save the memo's own fields (MemoForm), and `sections` (a formset) if given, over the
    version the editor opened (EditConflict when someone else saved it since:
    core.concurrency). Every part of the memo (its fields and each section) is saved over the
    memo's one version, so two editors of different sections still see each other's saves."""
    memo = form.instance
    _claim(memo, form.cleaned_data.get("seen_version"))
    if form.has_changed():
        memo = form.save()
    if sections is not None:
        sections.save()
    prepare_after_commit(memo.pk)
    return memo


@transaction.atomic
def save_section(*, memo: Memo, form, seen_version: int | None) -> MemoSection:
    """Save one section (SectionForm, new or edited) of `memo` over the memo's version the
    editor opened."""
    _claim(memo, seen_version)
    form.instance.memo = memo
    section = form.save() if form.has_changed() or form.instance.pk is None else form.instance
    prepare_after_commit(memo.pk)
    return section


@transaction.atomic
def delete_section(*, memo: Memo, section: MemoSection, seen_version: int | None) -> None:
    """Remove one section over the memo's version the editor opened (the history keeps it)."""
    _claim(memo, seen_version)
    section.delete()
    prepare_after_commit(memo.pk)


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
    for order, recipient in enumerate(draft.recipients, start=1):
        MemoRecipient.objects.create(memo=memo, name=recipient.name, email=recipient.email, order=order)
    prepare_after_commit(memo.pk)
    return memo
