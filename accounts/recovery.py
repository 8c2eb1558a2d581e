"""Recovery codes for the second factor (issue 13), on django-otp's static device: ten one-time
codes shown once when two-step verification is turned on, each usable once instead of the
app's code; making new ones invalidates the old. A systemförvaltare can reset another user's
second factor (every device removed; the user sets up a new app at the next login), and that
is recorded (accounts.SecurityEvent) and shown on the access-rights history page."""

from __future__ import annotations

from django.db import transaction
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

from .events import record_event
from .models import SecurityEvent

RECOVERY_CODE_COUNT = 10
DEVICE_NAME = "recovery codes"


@transaction.atomic
def new_recovery_codes(user) -> list[str]:
    """Ten new codes for `user`, replacing any they had. The codes are returned for showing once."""
    device, _created = StaticDevice.objects.select_for_update().get_or_create(
        user=user, name=DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = []
    while len(codes) < RECOVERY_CODE_COUNT:
        code = StaticToken.random_token()
        if code not in codes:
            codes.append(code)
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    record_event(kind=SecurityEvent.Kind.RECOVERY_CODES, by=user, subject=user)
    return codes


def remaining(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def use_recovery_code(user, code: str) -> StaticDevice | None:
    """The device whose code this was, the code now spent; None when it is not one of the user's
    unused codes. The code is removed in one DELETE, so two requests cannot both spend it; wrong
    codes count towards django-otp's throttle, as wrong app codes do."""
    for device in StaticDevice.objects.filter(user=user, confirmed=True):
        allowed, _reason = device.verify_is_allowed()
        if not allowed:
            continue
        deleted, _rows = StaticToken.objects.filter(device=device, token=code).delete()
        if deleted:
            device.throttle_reset(commit=False)
            device.set_last_used_timestamp(commit=False)
            device.save()
            record_event(
                kind=SecurityEvent.Kind.RECOVERY_CODE_USED,
                by=user,
                subject=user,
                detail=str(remaining(user)),
            )
            return device
        device.throttle_increment()
    return None


@transaction.atomic
def reset_second_factor(*, user, by) -> int:
    """Remove every second-factor device of `user` (app and recovery codes); how many there were."""
    devices = list(devices_for_user(user, confirmed=None))
    for device in devices:
        device.delete()
    record_event(kind=SecurityEvent.Kind.SECOND_FACTOR_RESET, by=by, subject=user)
    return len(devices)
