"""The project's URLs plus the overview as it was built before (bench/legacy_overview.py)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.urls import include, path

from bench.legacy_overview import legacy_overview

urlpatterns = [
    path("bench/legacy-overview/", login_required(legacy_overview)),
    path("", include("iop_registry.urls")),
]
