"""The start page at `/`, one panel per role the user holds, and the search in the top bar."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from accounts import roles
from audit.services import Action, Page, log_access
from meetings.models import Decision

from . import panels
from .search import search_everything

# role -> (the template's name for its panel, what it lists)
PANELS = {
    roles.OFFICIAL: ("official", panels.official),
    roles.COORDINATOR: ("coordinator", panels.coordinator),
    roles.SECRETARY: ("secretary", panels.secretary),
    roles.PARTNER: ("partner", panels.partner),
    roles.ADMINISTRATOR: ("administrator", panels.administrator),
}


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """What needs doing, for each of the user's roles; each item links to where it is done."""
    today = timezone.localdate()
    held = request.access.roles
    shown = {name: build(request.access, today) for role, (name, build) in PANELS.items() if role in held}
    coordinator = shown.get("coordinator")
    if coordinator:
        placements = coordinator["starting"] + coordinator["ending"] + coordinator["no_note"]
        log_access(
            user=request.user,
            participants={p.participant_id for p in placements},
            page=Page.of(request),
            action=Action.LIST,
        )
    return render(
        request,
        "dashboard/home.html",
        {
            "today": today,
            "panels": shown,
            # The meeting decisions this user owns and has not marked done (meetings app).
            "open_decisions": []
            if request.access.is_partner
            else list(Decision.objects.open_for(request.user)[: panels.LIMIT]),
        },
    )


@login_required
def search(request: HttpRequest) -> HttpResponse:
    """Agreements, partners and memos for municipal staff; participants for those who may see
    them, by name or by full personnummer, written to the access log as every list of them is."""
    if request.access.is_partner or not request.access.has_perm("partnerships.view_agreement"):
        raise PermissionDenied
    # NUL is no character anyone searches for, and PostgreSQL refuses it in a query
    query = " ".join(request.GET.get("q", "").replace("\x00", "").split())[:100]
    results = search_everything(request.access, query)
    if results.participants:
        log_access(
            user=request.user, participants=results.participants, page=Page.of(request), action=Action.LIST
        )
    return render(request, "dashboard/search.html", {"query": query, "results": results})
