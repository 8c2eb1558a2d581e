"""The start page at `/`, one panel per role the user holds, and the search in the top bar."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from accounts import roles
from accounts.access import Access
from audit.services import Action, Page, log_access
from core import pagecache
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


# Panels kept in the cache (core/pagecache.py): every row they show is of a model with history, so
# the data version moves with any change to them. The secretary's draft memos count memo versions
# and the administrator's panel lists jobs, mails and lockouts, none with history: built each time.
CACHED_PANELS = frozenset({"official", "coordinator", "partner"})


def _panel(
    request: HttpRequest, name: str, build: Callable[[Access, date], dict], today: date, _csrf: str = ""
) -> tuple[str, tuple[int, ...]]:
    """One role's panel as HTML, with the participants it lists (for the access log)."""
    panel = build(request.access, today)
    listed: tuple[int, ...] = ()
    if name == "coordinator":
        placements = [*panel["starting"], *panel["ending"], *panel["no_note"]]
        placements += [placement for placement, _months, _due in panel["outcomes_due"]]
        listed = tuple(sorted({p.participant_id for p in placements}))
    html = render_to_string(f"dashboard/_{name}.html", {"panel": panel, "today": today}, request=request)
    return html, listed


def _open_decisions(request: HttpRequest, today: date, _csrf: str = "") -> tuple[str, None]:
    """The meeting decisions this user owns and has not marked done (meetings app)."""
    decisions = list(Decision.objects.open_for(request.user)[: panels.LIMIT])
    if not decisions:
        return "", None
    context = {"open_decisions": decisions, "today": today}
    return render_to_string("dashboard/_open_decisions.html", context, request=request), None


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """What needs doing, for each of the user's roles; each item links to where it is done.
    Panels come from the cache while nothing they show changed; the access log is written on
    every request all the same, from the participant ids kept with the panel."""
    today = timezone.localdate()
    held = request.access.roles
    current = pagecache.version()
    shown = {}
    for role, (name, build) in PANELS.items():
        if role not in held:
            continue
        render_panel = partial(_panel, request, name, build, today)
        if name in CACHED_PANELS:
            html, listed = pagecache.cached(f"home:{name}", request, render_panel, current=current)
        else:
            html, listed = render_panel()
            html = mark_safe(html)  # noqa: S308 - our own template's output
        shown[name] = html
        if listed:
            log_access(user=request.user, participants=set(listed), page=Page.of(request), action=Action.LIST)
    open_decisions = ""
    if not request.access.is_partner:
        open_decisions, _ = pagecache.cached(
            "home:decisions", request, partial(_open_decisions, request, today), current=current
        )
    return render(request, "dashboard/home.html", {"panels": shown, "open_decisions": open_decisions})


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
