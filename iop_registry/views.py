"""Pages of the service itself rather than of an app: the accessibility statement."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


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
