"""Named object rules ("may this user renew this agreement?"), one registry for all apps.

Each app states its rules in its own `permissions.py` as plain functions of an access
(accounts.access.Access) and, where the rule is about one object, that object, decorated with
`@predicate`. Views call them directly; templates use them as filters after
`{% load permissions %}`: `{% if access|can_renew:agreement %}`. So a rule is written once and
the page never offers what the view would refuse.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured

PREDICATES: dict[str, Callable[..., bool]] = {}


def predicate(rule: Callable[..., bool]) -> Callable[..., bool]:
    """Register `rule` under its name (names are unique across apps: they are template filters)."""
    name = rule.__name__
    known = PREDICATES.get(name)
    if known is not None and (known.__module__, known.__qualname__) != (rule.__module__, rule.__qualname__):
        raise ImproperlyConfigured(
            f"Two permission predicates are named {name}: {known.__module__} and {rule.__module__}."
        )
    PREDICATES[name] = rule
    return rule
