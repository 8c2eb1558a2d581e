"""The account events the access-rights history shows (accounts.SecurityEvent): one explicit
call where the thing happens, as `audit.services.log_access` is for personal data."""

from __future__ import annotations

import logging

from .models import SecurityEvent

log = logging.getLogger("accounts.events")


def record_event(*, kind: str, by=None, subject=None, detail: str = "") -> SecurityEvent:
    if kind not in SecurityEvent.Kind.values:
        raise ValueError(f"Unknown account event {kind!r}.")
    event = SecurityEvent.objects.create(kind=kind, by=by, subject=subject, detail=detail[:300])
    log.info(
        "Account event %s by user %s on user %s", kind, getattr(by, "pk", None), getattr(subject, "pk", None)
    )
    return event
