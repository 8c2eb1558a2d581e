"""Responses that can carry personal data are kept out of every cache (issue 8, item 8)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import BadRequest, SuspiciousOperation
from django.http import Http404
from django.utils.cache import patch_cache_control
from django.views import defaults

from . import views

# URL namespaces whose pages can show a participant's personal data: the coordinators' pages
# (an agreement's participant list among them), the partner portal, the access log (which finds
# people by name and number) and the Django admin (participants, placements, notes, attendance).
PERSONAL_DATA_NAMESPACES = frozenset({"participants", "portal", "audit", "admin", "initiatives"})


def carries_personal_data(request) -> bool:
    """Whether the page answering `request` can show personal data (by its URL namespace)."""
    match = getattr(request, "resolver_match", None)
    return match is not None and bool(PERSONAL_DATA_NAMESPACES.intersection(match.namespaces))


class NoStorePersonalDataMiddleware:
    """`Cache-Control: no-store, private` on every response of a personal-data page, whatever
    the view returned (a page, a redirect, a form error, a file): neither a shared cache nor the
    browser's may keep it. One place, so a new page in those namespaces is covered by itself."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if carries_personal_data(request):
            patch_cache_control(response, no_store=True, private=True)
        return response


class SwedishErrorPagesMiddleware:
    """The project's own Swedish 404 and 400 pages with DEBUG on too (issue 14).

    With DEBUG off Django renders templates/404.html and 400.html itself. With DEBUG on it shows
    its technical pages instead, in English, to everyone who mistypes a URL or follows a stale
    link in a demo; here a 404 (a view's Http404, or a URL that matches no pattern) and a 400
    (BadRequest or SuspiciousOperation, from a view or a middleware inside this one) get the
    same pages as in production, keeping the headers and cookies the inner middleware set.
    403 (handler403, and templates/403_csrf.html for a CSRF failure) is never technical. 500
    keeps Django's technical page under DEBUG: it is the developer's traceback, and DEBUG is
    never on in production (settings.py refuses a short SECRET_KEY then).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 405 and request.method in ("GET", "HEAD") and not response.content:
            return self.replace(response, views.method_not_allowed(request))
        if not settings.DEBUG or getattr(response, "swedish_error_page", False):
            return response
        if response.status_code == 404 and getattr(request, "resolver_match", None) is None:
            return self.replace(response, views.page_not_found(request, Http404()))
        if response.status_code == 400 and response.get("Content-Type", "").startswith("text/html"):
            return self.replace(response, defaults.bad_request(request, BadRequest()))
        return response

    def process_exception(self, request, exception):
        if not settings.DEBUG:
            return None
        if isinstance(exception, Http404):
            page = views.page_not_found(request, exception)
        elif isinstance(exception, BadRequest | SuspiciousOperation):
            page = defaults.bad_request(request, exception)
        else:
            return None
        page.swedish_error_page = True
        return page

    @staticmethod
    def replace(technical, page):
        for header, value in technical.items():
            if header.lower() not in ("content-type", "content-length"):
                page.setdefault(header, value)
        page.cookies = technical.cookies
        return page
