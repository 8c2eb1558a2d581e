"""Who may take an agreement's case out as an archive package."""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.permissions import predicate

if TYPE_CHECKING:
    from accounts.access import Access
    from partnerships.models import Agreement


@predicate
def can_download_archive_package(access: Access, agreement: Agreement | None = None) -> bool:
    """The officials and the secretary of the agreement's committee (those who write its memos,
    reports.view_memo), and the systemförvaltare: the package holds the whole case. Not the
    coordinators, nor the partner, who see only part of it."""
    return (
        not access.is_partner
        and access.has_perm("partnerships.view_agreement")
        and access.has_perm("reports.view_memo")
        and (agreement is None or access.reaches_committee(agreement.committee_id))
    )
