"""Who may see and record payments (templates: `{% if access|can_manage_payments:agreement %}`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.permissions import predicate

if TYPE_CHECKING:
    from accounts.access import Access
    from partnerships.models import Agreement


@predicate
def can_see_payments(access: Access, agreement: Agreement | None = None) -> bool:
    """Planned, paid and outstanding: officials, the secretary and administrators; never a partner
    (it sees its own agreement, not the municipality's ledger)."""
    return access.has_perm("payments.view_instalment") and not access.is_partner


@predicate
def can_manage_payments(access: Access, agreement: Agreement | None = None) -> bool:
    """Set up a plan, mark an instalment paid or withheld: officials and administrators, for an
    agreement of a committee they work for."""
    return (
        access.has_perm("payments.change_instalment")
        and not access.is_partner
        and (
            agreement is None or access.sees_all_committees or agreement.committee_id in access.committee_ids
        )
    )
