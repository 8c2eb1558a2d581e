"""Who may read and write the agreement document (issue 23). Templates:
`{% if access|can_edit_agreement_document:agreement %}`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.permissions import predicate

if TYPE_CHECKING:
    from accounts.access import Access
    from partnerships.models import Agreement


@predicate
def can_read_agreement_document(access: Access, agreement: Agreement | None = None) -> bool:
    """Every version and signed copy: officials and the committee secretary of the agreement's
    committee, and systemförvaltare. A partner reads the decided version in the portal."""
    return (
        access.has_perm("contracting.view_agreementdocument")
        and not access.is_partner
        and (agreement is None or access.reaches_committee(agreement.committee_id))
    )


@predicate
def can_edit_agreement_document(access: Access, agreement: Agreement | None = None) -> bool:
    """Start the document, save versions, record the decided one and the signed copies, seal:
    officials of the agreement's committee and systemförvaltare."""
    return (
        access.has_perm("contracting.change_agreementdocument")
        and not access.is_partner
        and (agreement is None or access.reaches_committee(agreement.committee_id))
    )
