"""The initiative behind an agreement, and its assessment and attachments, as files of the
agreement's case for the archive package (core/case_files.py, issue 23)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePath

from django.template.loader import render_to_string
from django.utils import timezone, translation

from core.case_files import CaseFile

SECTION = "Initiativ"


def initiative_files(agreement) -> Iterator[CaseFile]:
    """The initiative (as submitted, with its completion thread) and its assessment as UTF-8 text,
    and each attachment as uploaded; nothing for an agreement that came from no initiative."""
    from .models import Initiative

    initiative = (
        Initiative.objects.filter(agreement=agreement)
        .select_related("committee", "guideline", "decided_by")
        .prefetch_related("criteria", "messages", "attachments", "guideline__criteria")
        .first()
    )
    if initiative is None:
        return
    texts = {c.number: c.text for c in initiative.guideline.criteria.all()}
    criteria = [(c, texts.get(c.number, "")) for c in initiative.criteria.all()]
    context = {"initiative": initiative, "criteria": criteria}
    with translation.override("sv"):
        summary = render_to_string("initiatives/case/initiative.txt", context)
        assessment = render_to_string("initiatives/case/assessment.txt", context)
    yield CaseFile(
        path="initiativ/initiativ.txt",
        content=summary.encode(),
        mimetype="text/plain",
        title=f"Initiativ: {initiative.title}",
        creator=initiative.organisation_name,
        created=initiative.submitted_at,
        section=SECTION,
    )
    decided_by = initiative.decided_by
    yield CaseFile(
        path="initiativ/bedomning.txt",
        content=assessment.encode(),
        mimetype="text/plain",
        title=f"Bedömning av initiativet: {initiative.title}",
        creator=(decided_by.get_full_name() or decided_by.get_username())
        if decided_by
        else initiative.committee.name,
        created=initiative.decided_at or timezone.now(),
        section=SECTION,
    )
    for attachment in initiative.attachments.all():
        with attachment.file.open("rb") as handle:
            content = handle.read()
        suffix = PurePath(attachment.original_name).suffix.lower()
        yield CaseFile(
            path=f"initiativ/bilagor/{attachment.pk}-{attachment.kind}{suffix}",
            content=content,
            mimetype=attachment.content_type,
            title=f"{attachment.get_kind_display()}: {attachment.original_name}",
            creator=initiative.organisation_name,
            created=attachment.uploaded_at,
            section=SECTION,
        )
