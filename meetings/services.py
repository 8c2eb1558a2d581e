"""Recording meetings and their decisions."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from core.documents import save_with_documents
from partnerships.models import Agreement
from partnerships.uploads import sha256_of

from .models import Decision, Meeting


def record_meeting(*, form, agreement: Agreement, by) -> Meeting:
    """Store a checked MeetingForm against `agreement`, with the minutes document's name and hash:
    the row and the stored document both or neither (core.documents); StorageUnavailable when the
    storage does not answer."""
    meeting = form.save(commit=False)
    meeting.agreement, meeting.created_by = agreement, by
    upload = form.cleaned_data.get("minutes_file")
    if upload:
        meeting.minutes_name = upload.name[-255:]
        meeting.minutes_content_type = form.content_type
        meeting.minutes_sha256 = sha256_of(upload)
    save_with_documents(meeting)
    return meeting


@transaction.atomic
def add_decision(*, form, meeting: Meeting) -> Decision:
    decision = form.save(commit=False)
    decision.meeting = meeting
    decision.save()
    return decision


@transaction.atomic
def mark_done(*, decision: Decision, on: date) -> Decision:
    """Done once: a second click leaves the first date."""
    locked = Decision.objects.select_for_update().get(pk=decision.pk)
    if not locked.done:
        locked.done, locked.done_on = True, on
        locked.save(update_fields=["done", "done_on"])
    return locked
