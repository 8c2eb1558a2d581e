"""Password reset by e-mail for local accounts (issue 13): Django's own views, Swedish texts.

- The same answer whether the address has an account or not (Django's PasswordResetView).
- Only active users with a usable password get a mail: a single-sign-on user has no local
  password (Django's `PasswordResetForm.get_users` leaves unusable passwords out).
- Rate-limited in the shared cache, per client address (core/client_ip.py: behind the proxy, the
  address the proxy saw) and per e-mail address, counted in a fixed window of
  PASSWORD_RESET_WINDOW_MINUTES whether the address exists or not (so the limit tells nothing
  either). Over a limit the form answers 429 with a Swedish sentence and sends nothing.
  With the cache down (Redis stopped) the limit fails open: resets are answered and mailed
  uncounted, with a warning in the log. Failing closed would lock every user out of resetting a
  password for the outage; failing open lets someone send more reset mails than the limit for
  that time, each to the account's own address and useless without the mailbox (the login
  lockout, which guards the passwords themselves, is in the database and holds).
- The link works once (the token depends on the password hash and the last login) and for
  PASSWORD_RESET_TIMEOUT seconds.
"""

from __future__ import annotations

import hashlib
import logging

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.core.cache import cache
from django.http import HttpResponse
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from core.client_ip import client_ip

logger = logging.getLogger(__name__)


def _key(kind: str, value: str) -> str:
    return f"password-reset:{kind}:{hashlib.sha256(value.encode()).hexdigest()}"


def _count(key: str) -> int | None:
    """One more request in this window; the count so far, this one included. None when the
    cache is unavailable (the fail-open cache answers None for the increment it could not make)."""
    timeout = settings.PASSWORD_RESET_WINDOW_MINUTES * 60
    cache.add(key, 0, timeout)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout)
        return 1


def over_limit(*, ip_address: str | None, email: str) -> bool:
    """Count this request against the address it came from and the e-mail address asked for;
    True when either is over its limit."""
    per_ip = _count(_key("ip", ip_address or "unknown"))
    per_email = _count(_key("email", email.strip().lower()))
    if per_ip is None or per_email is None:
        logger.warning("Password reset rate limit not enforced: the cache is unavailable")
        return False
    return (
        per_ip > settings.PASSWORD_RESET_LIMIT_PER_IP or per_email > settings.PASSWORD_RESET_LIMIT_PER_EMAIL
    )


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "registration/password_reset_form.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def get_extra_email_context(self) -> dict:
        return {"site_url": settings.SITE_URL.rstrip("/"), "hours": settings.PASSWORD_RESET_TIMEOUT // 3600}

    def form_valid(self, form) -> HttpResponse:
        if over_limit(ip_address=client_ip(self.request), email=form.cleaned_data["email"]):
            form.add_error(
                None,
                _(
                    "Too many password resets have been asked for from here or for this address. "
                    "Wait %(minutes)s minutes and try again."
                )
                % {"minutes": settings.PASSWORD_RESET_WINDOW_MINUTES},
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        self.extra_email_context = self.get_extra_email_context()
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    success_url = reverse_lazy("accounts:password_reset_complete")
