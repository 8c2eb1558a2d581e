"""Logged-in pages from the cache (issue 22): a page's body rendered once per data version and
viewer, then served as stored HTML until anything it could show changes.

The key holds everything the HTML can depend on:
- the data version of EVERY model with history (core/dataversion.py): an edit anywhere, through a
  page, the admin or the shell, gives every page a new key, so it shows at once. Coarser than a
  version per committee and year, but it cannot miss a table a page reads through a template tag;
  user and membership tables are among them, so a changed role, committee or partner link
  changes the key too;
- the viewer: the user's id, roles and permissions (read with the roles in the one query every
  page makes, accounts/backends.py), so no user is ever served another's fragment;
- the page's own path and query (its year, filters), the day (statuses, what is due) and the
  language.

What must not be shared stays outside: the navigation, the user's name and the messages are in
base.html around the cached body, and the CSRF token of a form inside it is a placeholder in the
cache, replaced by this request's token on the way out (`csrf_token` is handed to the template as
the placeholder; Django's `{% csrf_token %}` prints whatever the context holds).

Pages whose data is one committee's and one year's (overview, payments, key figures; the forecast
per committee) are keyed by a version of just that (`scoped`, `dataversion.Scope`), so an edit in
committee A's 2024 leaves B's pages and A's 2023 pages in the cache. Their whole title and body
come from the page template's partials `title` and `body` (`page`).

A copy made from a version that has not settled lives only until it settles (dataversion's
docstring says why), otherwise RENDERED_SECONDS. Without Redis the cache is per process, which
is still correct: the version is read from the database on every request.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import cache as once
from typing import Any

from django.apps import apps
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from . import dataversion

RENDERED_SECONDS = 600


@once
def tracked_models() -> tuple:
    """Every model django-simple-history tracks (its history models themselves excluded)."""
    return tuple(
        model
        for model in apps.get_models()
        if hasattr(getattr(model, "history", None), "model") and not model.__name__.startswith("Historical")
    )


def version() -> dataversion.DataVersion:
    """The newest change of anything with history, in one query."""
    return dataversion.read(tracked_models())


def viewer(request: HttpRequest) -> str:
    """Who the page is for: id, roles and permissions (no query beyond the page's roles one).
    Committees and the partner link have history, so they are in the data version."""
    user = request.user
    perms = "superuser" if user.is_superuser else sorted(user.get_all_permissions())
    return f"{user.pk}|{sorted(request.access.roles)}|{perms}"


@once
def csrf_placeholder() -> str:
    """Stands in for the CSRF token inside a cached body: derived from SECRET_KEY, so no text
    a user types can turn into a token."""
    return "csrf-" + salted_hmac("core.pagecache.csrf", "placeholder", algorithm="sha256").hexdigest()[:32]


def _key(name: str, request: HttpRequest, token: str, parts: tuple) -> str:
    text = "|".join(
        [viewer(request), request.get_full_path(), str(timezone.localdate()), get_language() or "", token]
        + [str(part) for part in parts]
    )
    return f"core:page:{name}:" + hashlib.sha256(text.encode()).hexdigest()


def cached(
    name: str,
    request: HttpRequest,
    build: Callable[[str], tuple[str, Any]],
    *,
    parts: tuple = (),
    current: dataversion.DataVersion | None = None,
) -> tuple[SafeString, Any]:
    """(HTML, extra) for the fragment `name` of this request's page, from the cache or from
    `build(csrf_token)`, which renders with the token it is given and returns its HTML and
    whatever the view needs besides (e.g. the participant ids it must write to the access log)."""
    current = current or version()
    key = _key(name, request, current.token, parts)
    stored = cache.get(key)
    if stored is None:
        stored = build(csrf_placeholder())
        cache.set(key, stored, current.seconds_to_settle() or RENDERED_SECONDS)
    html, extra = stored
    if csrf_placeholder() in html:
        html = html.replace(csrf_placeholder(), get_token(request))
    return mark_safe(html), extra  # noqa: S308 - rendered by our own templates, escaped there


def scoped(scope: dataversion.Scope) -> dataversion.DataVersion:
    """The data version of one page's scope (core/dataversion.py: `read_scoped`), one query."""
    return dataversion.read_scoped(scope)


def page(
    request: HttpRequest,
    template: str,
    build: Callable[[], dict],
    *,
    name: str,
    current: dataversion.DataVersion,
    parts: tuple = (),
) -> HttpResponse:
    """A page whose title and body are `template`'s partials `title` and `body`, rendered from
    `build()`'s context once per key (`cached`) and put into base.html by templates/core/
    cached_page.html, whose navigation and messages are this request's. `build` runs only on a
    miss, so everything the view computes for the page belongs in it."""

    def render_parts(csrf: str) -> tuple[str, str]:
        context = {**build(), "csrf_token": csrf}
        title = render_to_string(f"{template}#title", context, request=request)
        return render_to_string(f"{template}#body", context, request=request), title

    body, title = cached(name, request, render_parts, parts=parts, current=current)
    title = mark_safe(title)  # noqa: S308 - rendered (and escaped) by our own template
    return render(request, "core/cached_page.html", {"title": title, "body": body})


def download(
    name: str,
    request: HttpRequest,
    build: Callable[[], HttpResponse],
    *,
    current: dataversion.DataVersion,
    parts: tuple = (),
) -> HttpResponse:
    """A download (CSV, XLSX) kept as its bytes and headers under the same key as a page
    (`cached`); `build()` makes the response on a miss. Only a 200 is kept."""
    key = _key(name, request, current.token, parts)
    stored = cache.get(key)
    if stored is None:
        response = build()
        if response.status_code != 200:
            return response
        headers = {
            h: response[h] for h in ("Content-Type", "Content-Disposition", "Cache-Control") if h in response
        }
        stored = (response.content, headers)
        cache.set(key, stored, current.seconds_to_settle() or RENDERED_SECONDS)
    content, headers = stored
    return HttpResponse(content, headers=headers)
