"""Who may see and assess initiatives (issue 23). An initiative holds a contact person's personal
data, so only the roles that assess it see it: the committee's officials and systemförvaltare.
The organisation itself reaches its own through its private link (no login)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.permissions import predicate

if TYPE_CHECKING:
    from accounts.access import Access

    from .models import Initiative


@predicate
def can_see_initiatives(access: Access, initiative: Initiative | None = None) -> bool:
    return access.has_perm("initiatives.view_initiative") and (
        initiative is None or access.reaches_committee(initiative.committee_id)
    )


@predicate
def can_assess_initiative(access: Access, initiative: Initiative | None = None) -> bool:
    """Ask for completion, assess the criteria, proceed or decline: while it is undecided."""
    return access.has_perm("initiatives.change_initiative") and (
        initiative is None or (access.reaches_committee(initiative.committee_id) and initiative.is_open)
    )
