"""Who may do what with agreements and partners (object rules; model permissions come from roles)."""
from __future__ import annotations


def can_edit_agreements(user) -> bool:
    return user.has_perm("partnerships.change_agreement")


def can_add_agreements(user) -> bool:
    return user.has_perm("partnerships.add_agreement")


def can_edit_partners(user) -> bool:
    return user.has_perm("partnerships.change_partner")
