"""Lockout after wrong passwords, counted two ways (OWASP ASVS 2.2.1), and the page that says
in Swedish until when.

- Per user name from one address: `AXES_FAILURE_LIMIT` (5) wrong passwords lock that pair.
- Per address across user names: `LOGIN_IP_FAILURE_LIMIT` (20) lock the whole address, so
  password spraying (4 tries on each of 6 accounts) is stopped too.

django-axes compares one limit with the largest of its counts, so the handler reports the
address's count as "at the limit" once it reaches its own, higher limit. Both counts cover the
cool-off window (`AXES_COOLOFF_TIME`), which restarts with each new failure. A successful login
clears only that user name's own failures: one account's right password must not wipe an
address's record of failures against other accounts.
"""

from __future__ import annotations

from datetime import datetime

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_cool_off, get_failure_limit
from django.conf import settings
from django.db.models import Max, Sum
from django.shortcuts import render
from django.utils import timezone

# Must match the order of settings.AXES_LOCKOUT_PARAMETERS.
PER_USER, PER_ADDRESS = 0, 1


def _failures(attempts) -> int:
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


class LockoutHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials: dict | None = None) -> int:
        attempts = self.get_user_attempts(request, credentials)
        per_user = _failures(attempts[PER_USER])
        if _failures(attempts[PER_ADDRESS]) >= settings.LOGIN_IP_FAILURE_LIMIT:
            return max(per_user, get_failure_limit(request, credentials))
        return per_user

    def reset_user_attempts(self, request, credentials: dict | None = None) -> int:
        count, _ = self.filter_user_attempts(request, credentials)[PER_USER].delete()
        return count

    def locked_until(self, request, credentials: dict | None = None) -> datetime | None:
        """When the lockout ends: the cool-off after the latest failure that counts."""
        cool_off = get_cool_off(request)
        attempts = self.get_user_attempts(request, credentials)
        latest = [qs.aggregate(latest=Max("attempt_time"))["latest"] for qs in attempts]
        latest = [when for when in latest if when is not None]
        if cool_off is None or not latest:
            return None
        return max(latest) + cool_off


def lockout_response(request, original_response=None, credentials: dict | None = None):
    """The lockout page (AXES_LOCKOUT_CALLABLE): how long, and the local time to try again."""
    until = LockoutHandler().locked_until(request, credentials)
    if until is not None:
        until = timezone.localtime(until)
        minutes = max(1, -(-int((until - timezone.now()).total_seconds()) // 60))  # rounded up
    else:
        minutes = None
    return render(
        request,
        "registration/locked_out.html",
        {"until": until, "minutes": minutes},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
