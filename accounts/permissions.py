"""Who may do what with user accounts: named rules (core.permissions) for views and templates."""

from __future__ import annotations

from core.permissions import predicate

from . import roles
from .access import Access


def _is_administrator(access: Access) -> bool:
    return access.is_authenticated and (access.user.is_superuser or roles.ADMINISTRATOR in access.roles)


@predicate
def can_reset_second_factor(access: Access, user=None) -> bool:
    """Remove another user's second factor (a lost phone): systemförvaltare, never their own."""
    return _is_administrator(access) and (user is None or user.pk != access.user.pk)


@predicate
def can_see_access_history(access: Access, obj: object = None) -> bool:
    """The history of users, roles, memberships, committees and memo defaults: systemförvaltare."""
    return _is_administrator(access)
