"""Second factor (TOTP): optional for every role, required for systemförvaltare."""

from __future__ import annotations

from django.conf import settings
from django_otp import user_has_device


def otp_required(user) -> bool:
    """Administrators (and superusers) must log in with a second factor (ASVS 2.x)."""
    return user.is_superuser or user.groups.filter(name__in=settings.OTP_REQUIRED_ROLES).exists()


def needs_second_factor(user) -> str | None:
    """What a logged-in user must do before using the product: "verify", "setup" or None."""
    if not user.is_authenticated or user.is_verified():
        return None
    if user_has_device(user, confirmed=True):
        return "verify"
    if otp_required(user):
        return "setup"
    return None
