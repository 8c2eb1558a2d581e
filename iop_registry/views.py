"""Pages of the service itself rather than of an app: the accessibility statement, and the
answer to a URL that matches nothing."""

from __future__ import annotations

import sys

from django.conf import settings
from django.db.utils import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.urls import Resolver404, resolve, reverse
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


def method_not_allowed(request: HttpRequest) -> HttpResponse:
    """A Swedish 405 for an address opened that only a button may send to (issue 25: reloading a
    memo's export showed a blank page), with a link to the page the button is on: the nearest
    address above it that a GET reaches, e.g. the memo's page for /memos/5/export/."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("Method not allowed.")}, status=405)
    back = reverse("home")
    parts = request.path.rstrip("/").split("/")
    while len(parts) > 1:
        parts.pop()
        candidate = "/".join(parts) + "/"
        try:
            resolve(candidate)
        except Resolver404:
            continue
        back = candidate
        break
    return render(request, "405.html", {"back": back}, status=405)


def database_unreachable(error: BaseException | None) -> bool:
    """Whether `error` says the database cannot be reached, not that a query failed: psycopg
    reports deadlocks, serialization failures and statement timeouts as OperationalError too,
    with their SQLSTATE; a connection that fails or is dropped has none, or one of class 08
    (connection exception) or 57P (the server shutting down or starting up)."""
    if not isinstance(error, OperationalError | InterfaceError):
        return False
    state = getattr(error.__cause__, "sqlstate", None)
    return state is None or state.startswith(("08", "57P"))


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: when the database cannot be reached (restarted, failed over, the network
    between), a 503 that says so in Swedish and asks the user to try again (`Retry-After`);
    every other error keeps the general 500 page. Neither page reads the database: the session, the
    user and the context processors would fail the same way. Issue 21 (the rehearsal restarts
    PostgreSQL under load). It promises nothing about what was saved: a request may have
    committed part of its work before the connection went (requests are not one transaction)."""
    if database_unreachable(sys.exc_info()[1]):
        if request.path.startswith("/api/"):
            message = _("The database cannot be reached. Try again in a minute.")
            response = JsonResponse({"detail": message}, status=503)
        else:
            response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = "30"
        return response
    return defaults.server_error(request)
