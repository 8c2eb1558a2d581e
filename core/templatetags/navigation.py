"""The navigation's current page (WCAG 2.4.8, issue 14): `<a href="{% url 'x' %}"{% current 'x' %}>`.

The current item is the link whose URL is the longest prefix of the page's path, so the overview
(/agreements/) is current on an agreement's page but not on the forecast (/agreements/forecast/),
which has its own item. The candidates are the links the template asked about before, so each
item names only itself.
"""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

# The navigation's links, in the order of _nav.html (the start page only when it is the page).
NAV_ITEMS = [
    "partnerships:overview",
    "partnerships:forecast",
    "partnerships:partner_list",
    "participants:list",
    "portal:home",
    "reports:memo_list",
    "reports:followup_list",
    "audit:access_log",
    "admin:index",
    "notifications:list",
    "accounts:account",
]


def current_item(path: str) -> str | None:
    if path == reverse("home"):
        return "home"
    prefixes = [(reverse(name), name) for name in NAV_ITEMS]
    matching = [(len(url), name) for url, name in prefixes if path.startswith(url)]
    return max(matching)[1] if matching else None


@register.simple_tag(takes_context=True)
def current(context, name: str) -> SafeString:
    """` aria-current="page"` on the link to the page being shown (or the section it is in)."""
    request = context.get("request")
    if request is None:
        return mark_safe("")
    if not hasattr(request, "_current_nav_item"):
        request._current_nav_item = current_item(request.path)
    return mark_safe(' aria-current="page"' if request._current_nav_item == name else "")
