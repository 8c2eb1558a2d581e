"""Öppenhet (docs/domain.md, IKF decision memo, the principles of the local agreement with the civil sector): the public
page `/offentligt/`, no login. Each committee's decided agreements of a year as its own overview
prints them (`overview.build_overview`, through its cache), with their period, and the sums.

Only what the committee's overview already prints, and of decided agreements only: no draft, no
participant, no official's name, no link into the register. Switched off (404) with
PUBLIC_PAGE_ENABLED=0.

Cached three ways, all keyed by the data version of what the page prints (core/dataversion.py:
committees, agreements, parties, amendments, partners), so a saved change shows at once: the
response carries an ETag and Last-Modified and answers a conditional GET with 304; a proxy or
browser may keep it for PUBLIC_CACHE_SECONDS; and the rendered page is kept in the server cache
per data version, year asked and day, so a warm request reads the version (one query) and renders
nothing. The page prints nothing of who asks, so one copy serves every visitor.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import condition

from core import dataversion
from core.forms import YearForm

from . import overview as overviews
from . import services
from .models import Agreement, AgreementParty, Amendment, Committee, Partner

# Short, as the data may change any minute; a browser or proxy revalidates cheaply with the ETag.
PUBLIC_CACHE_SECONDS = 60
# How long a rendered page is kept when nothing changes (a change makes a new key at once).
RENDERED_CACHE_SECONDS = 600
SHOWN = (Committee, Agreement, AgreementParty, Amendment, Partner)

# Each decided agreement's results (issue 24) come from an app above this one (reports: the
# approved follow-ups, suppressed), which registers its provider in its AppConfig.ready(), as
# core.case_files does: partnerships may not import reports (tests/test_import_layers.py). A
# provider is `provider(agreement_ids, year) -> {agreement id: results}` and names the models it
# reads, so their changes move the page's data version too.
_results_providers: list[tuple[Callable, tuple]] = []


def provide_results(provider: Callable, *, models: tuple) -> None:
    """Register the provider of the agreements' results (once; registering again replaces it)."""
    _results_providers[:] = [(provider, tuple(models))]


def shown_models() -> tuple:
    return SHOWN + tuple(model for _provider, models in _results_providers for model in models)


def _results(agreement_ids: list[int], year: int) -> dict:
    found: dict = {}
    for provider, _models in _results_providers:
        found |= provider(agreement_ids, year)
    return found


def public_overviews(year: int) -> list[dict]:
    """Per committee with decided agreements that year: its overview and each row's first day
    and results (None without an approved follow-up, or without a provider)."""
    sections = []
    for committee in Committee.objects.order_by("name"):
        decided = Agreement.objects.decided().filter(committee=committee)
        built = overviews.cached_overview(decided, year=year, committee=committee)
        if not built.rows:
            continue
        ids = [row.agreement_id for row in built.rows]
        starts = dict(decided.filter(pk__in=ids).values_list("pk", "valid_from"))
        results = _results(ids, year)
        sections.append(
            {
                "committee": committee.name,
                "overview": built,
                "rows": [
                    (row, starts[row.agreement_id], results.get(row.agreement_id)) for row in built.rows
                ],
            }
        )
    return sections


def public_version(request: HttpRequest) -> dataversion.DataVersion:
    """Read once per request: `condition` asks for the ETag and Last-Modified, the view for the key."""
    if not hasattr(request, "public_data_version"):
        request.public_data_version = dataversion.read(shown_models())
    return request.public_data_version


def year_asked(request: HttpRequest) -> str:
    form = YearForm(request.GET)
    if not form.is_valid():
        raise Http404(_("No such year."))
    return str(form.cleaned_data["year"] or "")


def _etag(request: HttpRequest) -> str | None:
    """Of the version, the year asked (the default year follows the day) and the language."""
    if not settings.PUBLIC_PAGE_ENABLED:
        return None
    return public_version(request).etag(year_asked(request), timezone.localdate(), get_language())


def _last_modified(request: HttpRequest):
    """Only once the version has settled (core/dataversion.py); the ETag covers the time before.
    Never earlier than the day began, as the default year and the statuses follow the day."""
    if not settings.PUBLIC_PAGE_ENABLED:
        return None
    version = public_version(request)
    if not version.settled or version.changed_at is None:
        return None
    day_began = timezone.make_aware(datetime.combine(timezone.localdate(), time.min))
    return max(version.changed_at, day_began)


def render_public_page(asked: str) -> str:
    """Without the request: no context processor, so nothing of the visitor reaches the copy."""
    years = Agreement.objects.decided().years()
    year = int(asked) if asked else services.default_overview_year(years, timezone.localdate())
    return render_to_string(
        "partnerships/public.html",
        {
            "year": year,
            "years": years,
            "sections": public_overviews(year),
            "municipality": settings.MUNICIPALITY_NAME,
            # the open data of the year shown (reports/opendata.py)
            "csv_url": f"{reverse('opendata:csv')}?year={year}",
            "json_url": f"{reverse('opendata:json')}?year={year}",
            "dcat_url": reverse("opendata:dcat"),
        },
    )


@condition(etag_func=_etag, last_modified_func=_last_modified)
def public_page(request: HttpRequest) -> HttpResponse:
    """The page prints nothing of who asks (its own template, no menu, no form), so a proxy may
    keep it; for a logged-in visitor the session cookie is refreshed, so it stays private."""
    if not settings.PUBLIC_PAGE_ENABLED:
        raise Http404
    asked = year_asked(request)
    version = public_version(request)
    key = f"partnerships:public:{_etag(request).strip(chr(34))}"
    page = cache.get(key)
    if page is None:
        page = render_public_page(asked)
        cache.set(key, page, version.seconds_to_settle() or RENDERED_CACHE_SECONDS)
    response = HttpResponse(page)
    if request.user.is_authenticated:
        patch_cache_control(response, private=True, max_age=0)
    else:
        patch_cache_control(response, public=True, max_age=PUBLIC_CACHE_SECONDS)
    return response
