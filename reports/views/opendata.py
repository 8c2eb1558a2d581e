"""The open data files of `/offentligt/` (reports/opendata.py, reports/dcat.py; issue 24): no
login, HTTP caching as the public page's (partnerships/public.py): an ETag and Last-Modified of
the data version, a conditional GET answered with 304, and a minute in a shared cache."""

from __future__ import annotations

import json
from datetime import datetime

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.http import condition, require_GET

from core.exports import csv_bytes
from partnerships import public

from .. import dcat, opendata


def _enabled() -> None:
    if not settings.PUBLIC_PAGE_ENABLED:
        raise Http404


def _year(request: HttpRequest) -> int:
    asked = public.year_asked(request)
    return int(asked) if asked else opendata.default_year()


def _etag(request: HttpRequest) -> str | None:
    if not settings.PUBLIC_PAGE_ENABLED:
        return None
    return public.public_version(request).etag(
        request.resolver_match.url_name, public.year_asked(request), timezone.localdate()
    )


def _last_modified(request: HttpRequest) -> datetime | None:
    if not settings.PUBLIC_PAGE_ENABLED:
        return None
    version = public.public_version(request)
    return version.changed_at if version.settled else None


def _public(response: HttpResponse, request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        patch_cache_control(response, private=True, max_age=0)
    else:
        patch_cache_control(response, public=True, max_age=public.PUBLIC_CACHE_SECONDS)
    response["Access-Control-Allow-Origin"] = "*"  # open data: any page may fetch it
    return response


@require_GET
@condition(etag_func=_etag, last_modified_func=_last_modified)
def open_data_csv(request: HttpRequest) -> HttpResponse:
    _enabled()
    year = _year(request)
    content = csv_bytes(opendata.CSV_HEADINGS, opendata.csv_rows(year, opendata.open_rows(year)))
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="iop-{year}.csv"'
    return _public(response, request)


@require_GET
@condition(etag_func=_etag, last_modified_func=_last_modified)
def open_data_json(request: HttpRequest) -> HttpResponse:
    _enabled()
    year = _year(request)
    document = opendata.json_document(year, opendata.open_rows(year))
    content = json.dumps(document, ensure_ascii=False, indent=2)
    return _public(HttpResponse(content, content_type="application/json; charset=utf-8"), request)


@require_GET
@condition(etag_func=_etag, last_modified_func=_last_modified)
def open_data_dcat(request: HttpRequest) -> HttpResponse:
    _enabled()
    content = dcat.description(modified=public.public_version(request).changed_at)
    return _public(HttpResponse(content, content_type="text/turtle; charset=utf-8"), request)
