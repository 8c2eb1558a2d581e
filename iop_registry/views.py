"""Pages of the service itself rather than of an app: the accessibility statement, and the
answer to a URL that matches nothing."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views import defaults


def accessibility_statement(request: HttpRequest) -> HttpResponse:
    """The tillgänglighetsredogörelse the accessibility law (DOS-lagen, 2018:1937) asks every
    public digital service to publish, after DIGG's model: how accessible the service is, what is
    known not to be, how to report it, and DIGG's supervision. No login: anyone may read it."""
    return render(
        request,
        "accessibility.html",
        {
            "contact_email": settings.ACCESSIBILITY_CONTACT_EMAIL,
            "reviewed": settings.ACCESSIBILITY_REVIEWED,
        },
    )


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """handler404: the Swedish page, or under /api/ the API's JSON error (`{"detail": …}`, as
    its own 404s and the OpenAPI description have it), also for a path no route matches."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("Not found.")}, status=404)
    return defaults.page_not_found(request, exception)
