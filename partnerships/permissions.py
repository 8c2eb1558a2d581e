"""Who may do what with an agreement or a partner: named rules used by views and templates.

Each rule takes the request's access (accounts.access.Access) and, where it is about one
object, that object. Templates: `{% load permissions %}` then `{% if access|can_renew:agreement %}`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.permissions import predicate

from .models import Partner
from .services import renewal_refusal

if TYPE_CHECKING:
    from accounts.access import Access

    from .models import Agreement, Partner


def _reaches(access: Access, agreement: Agreement) -> bool:
    """The agreement's committee is one the user works for (systemförvaltare: every one)."""
    return access.reaches_committee(agreement.committee_id)


@predicate
def can_edit_agreement(access: Access, agreement: Agreement | None = None) -> bool:
    """Change the agreement and attach documents to it: officials and administrators."""
    return access.has_perm("partnerships.change_agreement") and (
        agreement is None or _reaches(access, agreement)
    )


@predicate
def can_renew(access: Access, agreement: Agreement) -> bool:
    """Start the successor of a decided agreement that has none yet (`services.renew`, which
    refuses the same cases with a reason)."""
    return (
        access.has_perm("partnerships.add_agreement")
        and _reaches(access, agreement)
        and renewal_refusal(agreement) is None
    )


@predicate
def can_see_history(access: Access, obj: object = None) -> bool:
    """Who changed what and when, and the municipality's breakdowns: municipal staff only.
    A partner sees its own figures in the portal, never the municipality's history."""
    return access.is_authenticated and not access.is_partner


@predicate
def can_see_partner(access: Access, partner: Partner | None = None) -> bool:
    """A partner's own page (contact details, all its agreements)."""
    return access.has_perm("partnerships.view_partner")


@predicate
def can_edit_partner(access: Access, partner: Partner | None = None) -> bool:
    return access.has_perm("partnerships.change_partner")


@predicate
def can_manage_partner_users(access: Access, partner: Partner | None = None) -> bool:
    """Invite people to a partner organisation and deactivate or reactivate its users (issue 13):
    those who edit partners (officials, for the partners of their committees, and systemförvaltare)."""
    if not access.has_perm("partnerships.change_partner"):
        return False
    if partner is None or access.sees_all_committees:
        return True
    return Partner.objects.in_committees_of(access).filter(pk=partner.pk).exists()


@predicate
def can_see_contacts(access: Access, partner: Partner | None = None) -> bool:
    """A partner's contacts, with names, e-mail and phone (issue 26): personal data, for the roles
    that work with the partner (officials, coordinators, systemförvaltare: the view permission)
    and the partner's own users. Not the committee secretary, who works with figures."""
    if access.is_partner:
        return partner is not None and access.partner is not None and access.partner.pk == partner.pk
    return access.has_perm("partnerships.view_partnercontact")


@predicate
def can_terminate(access: Access, agreement: Agreement) -> bool:
    """End a decided agreement early (issue 26): whoever may edit it, once, while it runs."""
    return (
        can_edit_agreement(access, agreement)
        and agreement.stage == agreement.Stage.DECIDED
        and agreement.termination_or_none is None
    )
