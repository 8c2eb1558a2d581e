"""What a partner user may do in the portal: named rules used by views and templates."""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.permissions import predicate

if TYPE_CHECKING:
    from accounts.access import Access
    from reports.models import FollowUp


@predicate
def can_write_followup(access: Access, follow_up: FollowUp | None) -> bool:
    """The partner writes its follow-up until it submits it (then it reads it; a reviewer may
    send it back, which makes it a draft again). None: not begun yet."""
    return access.partner is not None and (follow_up is None or follow_up.is_editable)
