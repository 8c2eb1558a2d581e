from __future__ import annotations

from django.http import HttpRequest

from . import access as access_


def access(request: HttpRequest) -> dict:
    """`access` (accounts.access.Access) for templates: `access.is_partner` for the navigation,
    and the object rules through `{% load permissions %}` (`access|can_renew:agreement`)."""
    return {"access": access_.of(request)}
