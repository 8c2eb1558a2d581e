"""Sessions: the idle timeout written once a minute, an absolute lifetime, the second-factor step.

The idle timeout (SESSION_COOKIE_AGE from the last request) used to be kept by writing the session
on every request (SESSION_SAVE_EVERY_REQUEST): an UPDATE and a commit per page. The session is now
written only when it changes, and `IdleTimeoutMiddleware` marks it changed when its last refresh is
older than SESSION_REFRESH_SECONDS (a minute): a session still ends after the idle timeout, give or
take that minute, and a user clicking through pages costs one write a minute (issue 10).
`SessionLifetimeMiddleware` ends every session SESSION_MAX_HOURS after its login however active it
was (OWASP ASVS 3.3.2), so a stolen session cookie is worth hours, not weeks.
"""

from __future__ import annotations

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django_otp import user_has_device

from .access import Access
from .otp import needs_second_factor, otp_required

SSO_SESSION_KEY = "_sso"  # accounts.sso.SESSION_KEY: a session that single sign-on logged in

ALWAYS_OPEN = ("/static/", "/login/", "/logout/", "/account/otp/")
REFRESHED_KEY = "_refreshed"
# The refresh (value of REFRESHED_KEY) at which the user was found to need no second-factor step.
NO_STEP_KEY = "_otp_no_step"


def refreshed_at(request) -> float | None:
    """When `IdleTimeoutMiddleware` last refreshed the request's session (None: no session)."""
    session = getattr(request, "session", None)
    return session.get(REFRESHED_KEY) if session is not None else None


def refresh_at_login(sender, request, user, **kwargs) -> None:
    """Logging in saves the session anyway: count it as the first refresh, and settle the
    second-factor question for a user who has no device and no role that requires one, so the
    next request writes nothing and looks nothing up."""
    session = getattr(request, "session", None)
    if session is None:
        return
    session[REFRESHED_KEY] = now = time.time()
    if not user_has_device(user, confirmed=True) and not otp_required(Access(user)):
        session[NO_STEP_KEY] = now


class IdleTimeoutMiddleware:
    """Moves a session's end on (by saving it) at most once every SESSION_REFRESH_SECONDS.

    Goes right after SessionMiddleware. Only an existing session is refreshed: an anonymous
    visitor with no session gets none.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = request.session
        last = session.get(REFRESHED_KEY)  # loads the session (one query, needed anyway)
        now = time.time()
        if session.session_key and (last is None or now - last >= settings.SESSION_REFRESH_SECONDS):
            session[REFRESHED_KEY] = now
        return self.get_response(request)


class RequireSecondFactorMiddleware:
    """Stops a logged-in user at the second-factor step until it is done.

    Finding that a user needs no step costs a device lookup and a role check; the answer is kept
    in the session until its next refresh (a minute at most), so a device or role given in the
    meantime counts from then on.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        step = self.step(request)
        if step and not request.path.startswith(ALWAYS_OPEN):
            return redirect(
                f"{reverse('accounts:otp_' + step)}?{urlencode({'next': request.get_full_path()})}"
            )
        return self.get_response(request)

    @staticmethod
    def step(request) -> str | None:
        user = request.user
        if not user.is_authenticated or user.is_verified():  # no lookup: nothing to keep
            return None
        if request.session.get(SSO_SESSION_KEY):
            return None  # the provider authenticated them, its multi-factor rule included (sso.py)
        refreshed = refreshed_at(request)
        if refreshed is not None and request.session.get(NO_STEP_KEY) == refreshed:
            return None
        step = needs_second_factor(request.access)
        if step is None and refreshed is not None:
            request.session[NO_STEP_KEY] = refreshed
        return step


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
        # A session from before this rule has no start yet: it counts from now. Only a session
        # that exists: an API token authenticates without one, and setting a key here made a new
        # session row (and cookie) on every API request (issue 22).
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and request.session.session_key:
            request.session.setdefault(LOGIN_AT, int(time.time()))
        return response
