"""Responses that can carry personal data are kept out of every cache (issue 8, item 8)."""

from __future__ import annotations

from django.utils.cache import patch_cache_control

# URL namespaces whose pages can show a participant's personal data: the coordinators' pages
# (an agreement's participant list among them), the partner portal, the access log (which finds
# people by name and number) and the Django admin (participants, placements, notes, attendance).
PERSONAL_DATA_NAMESPACES = frozenset({"participants", "portal", "audit", "admin"})


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
