"""Who may do what with a participant or a placement: named rules used by views and templates.

Templates: `{% load permissions %}` then `{% if access|can_change_placement:placement %}`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.permissions import predicate

if TYPE_CHECKING:
    from accounts.access import Access
    from partnerships.models import Agreement

    from .models import Participant, Placement


def _own_committee(access: Access, placement: Placement) -> bool:
    """Municipal staff record on their own committees' placements only (issue 13; the QuerySets
    hide the others). A partner is narrowed to its organisation's placements instead."""
    return access.is_partner or access.reaches_committee(placement.agreement.committee_id)


@predicate
def can_see_participants(access: Access, agreement: Agreement | None = None) -> bool:
    """Who was placed, and the participation figures unmasked: coordinators and administrators
    (docs/domain.md, "Who uses it"); everyone else sees counts under five as "<5"."""
    return access.has_perm("participants.view_placement")


@predicate
def can_edit_participant(access: Access, participant: Participant) -> bool:
    """Change a participant's details: not once `gallra` anonymised them (that would put
    identifiers back)."""
    return access.has_perm("participants.change_participant") and not participant.is_anonymised


@predicate
def can_assign(access: Access, participant: Participant) -> bool:
    """Place a participant in an agreement's activity: an identified one only."""
    return access.has_perm("participants.add_placement") and not participant.is_anonymised


@predicate
def can_add_note(access: Access, placement: Placement) -> bool:
    """Write a progress note on an open placement of an identified participant."""
    return (
        access.has_perm("participants.add_progressnote")
        and placement.is_open
        and not placement.participant.is_anonymised
        and _own_committee(access, placement)
    )


@predicate
def can_change_placement(access: Access, placement: Placement) -> bool:
    """Mark a placement started or end it: while it is open, and not for an anonymised
    participant."""
    return (
        access.has_perm("participants.change_placement")
        and placement.is_open
        and not placement.participant.is_anonymised
        and _own_committee(access, placement)
    )


@predicate
def can_record_outcome(access: Access, placement: Placement) -> bool:
    """Record where the person is 6 and 12 months after a placement ended (issue 24): a
    coordinator of the placement's committee, on an ended placement of an identified person."""
    return (
        access.has_perm("participants.add_placementoutcome")
        and access.has_perm("participants.change_placementoutcome")
        and not placement.is_open
        and not placement.participant.is_anonymised
        and _own_committee(access, placement)
    )
