"""Second factor (TOTP): optional for every role, required for systemförvaltare."""

from __future__ import annotations

from django.conf import settings
from django_otp import user_has_device

from .access import Access


def otp_required(access: Access) -> bool:
    """Administrators (and superusers) must log in with a second factor (ASVS 2.x); the roles
    come from the request's access, read once per request."""
    return access.user.is_superuser or bool(access.roles & set(settings.OTP_REQUIRED_ROLES))


def needs_second_factor(access: Access) -> str | None:
    """What a logged-in user must do before using the product: "verify", "setup" or None."""
    user = access.user
    if not user.is_authenticated or user.is_verified():
        return None
    if user_has_device(user, confirmed=True):
        return "verify"
    if otp_required(access):
        return "setup"
    return None
