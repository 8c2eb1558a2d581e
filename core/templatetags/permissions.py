"""Every app's permission predicates as template filters: `{% if access|can_renew:agreement %}`.

The predicates live in each app's `permissions.py` (core.permissions); this library imports
those modules the way the admin discovers `admin.py`, so core names no app."""

from __future__ import annotations

from django import template
from django.utils.module_loading import autodiscover_modules

from core.permissions import PREDICATES

autodiscover_modules("permissions")

register = template.Library()
for name, rule in PREDICATES.items():
    register.filter(name, rule)
