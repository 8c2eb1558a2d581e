"""Who may read and write the partnerships' meetings (templates: `access|can_record_meetings:agreement`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.permissions import predicate

if TYPE_CHECKING:
    from accounts.access import Access
    from partnerships.models import Agreement

    from .models import Decision


@predicate
def can_see_meetings(access: Access, agreement: Agreement | None = None) -> bool:
    """Municipal staff who follow the partnerships; a partner's own copy of the minutes is its own."""
    return access.has_perm("meetings.view_meeting") and not access.is_partner


@predicate
def can_record_meetings(access: Access, agreement: Agreement | None = None) -> bool:
    """Record a meeting, its decisions, and mark them done: officials and administrators."""
    return (
        access.has_perm("meetings.add_meeting")
        and not access.is_partner
        and (
            agreement is None or access.sees_all_committees or agreement.committee_id in access.committee_ids
        )
    )


@predicate
def can_mark_done(access: Access, decision: Decision) -> bool:
    """Mark a decision done: its owner (whoever it was given to), or those who record meetings."""
    return can_see_meetings(access) and (
        decision.owner_id == access.user.pk or can_record_meetings(access, decision.meeting.agreement)
    )
