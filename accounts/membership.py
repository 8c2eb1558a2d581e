"""Which partner organisation a user acts for."""

from __future__ import annotations

from . import roles


def partner_of(user):
    """The partner organisation of a partner user, or None for everyone else.

    Cached on the user object: views and querysets ask several times per request.
    """
    if not user.is_authenticated:
        return None
    if not hasattr(user, "_partner_cache"):
        membership = getattr(user, "partner_membership", None) if is_partner_user(user) else None
        user._partner_cache = membership.partner if membership else None
    return user._partner_cache


def is_partner_user(user) -> bool:
    return user.is_authenticated and user.groups.filter(name=roles.PARTNER).exists()
