"""Who may do what with a follow-up or a memo: named rules used by views and templates.

Templates: `{% load permissions %}` then `{% if access|can_review_followup:follow_up %}`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.permissions import predicate

if TYPE_CHECKING:
    from accounts.access import Access

    from .models import FollowUp, Memo


def _own_committee(access: Access, committee_id: int | None) -> bool:
    """Municipal staff act on their own committees' follow-ups and memos only (issue 13; the
    QuerySets hide the others, this keeps a page from offering them). A partner is narrowed to
    its organisation instead; an object not yet tied to a committee is not narrowed."""
    return committee_id is None or access.is_partner or access.reaches_committee(committee_id)


@predicate
def can_edit_followup(access: Access, follow_up: FollowUp) -> bool:
    """Change a follow-up in the registry: only while it is a draft (a submitted one is sent
    back first)."""
    return (
        access.has_perm("reports.change_followup")
        and follow_up.is_editable
        and _own_committee(access, follow_up.agreement.committee_id)
    )


@predicate
def can_review_followup(access: Access, follow_up: FollowUp) -> bool:
    """Approve or send back a submitted follow-up (reports.followups.approve / send_back,
    which also refuse the one who submitted it as approver)."""
    return (
        access.has_perm("reports.approve_followup")
        and follow_up.is_reviewable
        and _own_committee(access, follow_up.agreement.committee_id)
    )


@predicate
def can_draft_memo(access: Access, obj: object = None) -> bool:
    return access.has_perm("reports.add_memo")


@predicate
def can_edit_memo(access: Access, memo: Memo | None = None) -> bool:
    return access.has_perm("reports.change_memo") and (
        memo is None or _own_committee(access, memo.committee_id)
    )


@predicate
def can_export_memo(access: Access, memo: Memo | None = None) -> bool:
    """Store a new PDF version of the memo."""
    return access.has_perm("reports.add_memoversion") and (
        memo is None or _own_committee(access, memo.committee_id)
    )


@predicate
def can_record_decision(access: Access, memo: Memo | None = None) -> bool:
    """Record the committee's decision on a memo, choose its recipients and send it: those who
    write the committee's memos (officials, the secretary), for their own committees."""
    return access.has_perm("reports.change_memo") and (
        memo is None or _own_committee(access, memo.committee_id)
    )
