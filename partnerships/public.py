"""Öppenhet (seed 003, the principles of the local agreement with the civil sector): the public
page `/offentligt/`, no login. Each committee's decided agreements of a year as its own overview
prints them (`overview.build_overview`, through its cache), with their period, and the sums.

Only what the committee's overview already prints, and of decided agreements only: no draft, no
participant, no official's name, no link into the register. Switched off (404) with
PUBLIC_PAGE_ENABLED=0. The rows come from `cached_overview`, whose key carries the data version,
so a saved agreement, party, amendment or partner shows at once; the response itself may be kept
by a proxy for PUBLIC_CACHE_SECONDS.
"""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from core.forms import YearForm

from . import overview as overviews
from . import services
from .models import Agreement, Committee

PUBLIC_CACHE_SECONDS = 300


def public_overviews(year: int) -> list[dict]:
    """Per committee with decided agreements that year: its overview and each row's first day."""
    sections = []
    for committee in Committee.objects.order_by("name"):
        decided = Agreement.objects.decided().filter(committee=committee)
        built = overviews.cached_overview(decided, year=year, committee=committee)
        if not built.rows:
            continue
        starts = dict(
            decided.filter(pk__in=[row.agreement_id for row in built.rows]).values_list("pk", "valid_from")
        )
        sections.append(
            {
                "committee": committee.name,
                "overview": built,
                "rows": [(row, starts[row.agreement_id]) for row in built.rows],
            }
        )
    return sections


def public_page(request: HttpRequest) -> HttpResponse:
    """The page prints nothing of who asks (its own template, no menu, no form), so a proxy may
    keep it; for a logged-in visitor the session cookie is refreshed, so it stays private."""
    if not settings.PUBLIC_PAGE_ENABLED:
        raise Http404
    form = YearForm(request.GET)
    if not form.is_valid():
        raise Http404(_("No such year."))
    years = Agreement.objects.decided().years()
    year = form.cleaned_data["year"] or services.default_overview_year(years, timezone.localdate())
    response = render(
        request,
        "partnerships/public.html",
        {
            "year": year,
            "years": years,
            "sections": public_overviews(year),
            "municipality": settings.MUNICIPALITY_NAME,
        },
    )
    if request.user.is_authenticated:
        patch_cache_control(response, private=True, max_age=0)
    else:
        patch_cache_control(response, public=True, max_age=PUBLIC_CACHE_SECONDS)
    return response
