"""Who may do what with a follow-up or a memo: named rules used by views and templates.

Templates: `{% load permissions %}` then `{% if access|can_review_followup:follow_up %}`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.permissions import predicate

if TYPE_CHECKING:
    from accounts.access import Access

    from .models import FollowUp, Memo


@predicate
def can_edit_followup(access: Access, follow_up: FollowUp) -> bool:
    """Change a follow-up in the registry: only while it is a draft (a submitted one is sent
    back first)."""
    return access.has_perm("reports.change_followup") and follow_up.is_editable


@predicate
def can_review_followup(access: Access, follow_up: FollowUp) -> bool:
    """Approve or send back a submitted follow-up (reports.followups.approve / send_back,
    which also refuse the one who submitted it as approver)."""
    return access.has_perm("reports.approve_followup") and follow_up.is_reviewable


@predicate
def can_draft_memo(access: Access, obj: object = None) -> bool:
    return access.has_perm("reports.add_memo")


@predicate
def can_edit_memo(access: Access, memo: Memo | None = None) -> bool:
    return access.has_perm("reports.change_memo")


@predicate
def can_export_memo(access: Access, memo: Memo | None = None) -> bool:
    """Store a new PDF version of the memo."""
    return access.has_perm("reports.add_memoversion")
