"""Sessions: an absolute lifetime beside the idle timeout, and the second-factor step.

The idle timeout is Django's own (SESSION_COOKIE_AGE, renewed on every request); it never ends a
session that is kept busy. `SessionLifetimeMiddleware` ends every session SESSION_MAX_HOURS after
its login however active it was (OWASP ASVS 3.3.2), so a stolen session cookie is worth hours,
not weeks.
"""

from __future__ import annotations

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse

from .otp import needs_second_factor

ALWAYS_OPEN = ("/static/", "/login/", "/logout/", "/account/otp/")


class RequireSecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        step = needs_second_factor(request.user)
        if step and not request.path.startswith(ALWAYS_OPEN):
            return redirect(
                f"{reverse('accounts:otp_' + step)}?{urlencode({'next': request.get_full_path()})}"
            )
        return self.get_response(request)


LOGIN_AT = "login_at"  # session key: when the session's login happened (seconds since the epoch)


def start_session_clock(sender, request, user, **kwargs) -> None:
    """On every login (user_logged_in), the absolute lifetime starts again."""
    if request is not None and hasattr(request, "session"):
        request.session[LOGIN_AT] = int(time.time())


class SessionLifetimeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            started = request.session.get(LOGIN_AT)
            if started is not None and time.time() - started > settings.SESSION_MAX_HOURS * 3600:
                logout(request)
                return redirect_to_login(request.get_full_path())
        response = self.get_response(request)
        # A session from before this rule has no start yet: it counts from now.
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            request.session.setdefault(LOGIN_AT, int(time.time()))
        return response
