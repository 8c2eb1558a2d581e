"""The systemförvaltare's pages: search the access log, see what the retention runs did.

Searching the log is not itself a view of anyone's personal data, so it is not logged: the
results name each participant by id only (#123), never by name or number. The id links to the
participant's page, which writes the log as every participant page does. A search by
personnummer or name shows which ids match what the searcher already typed, nothing more. The
other apps' logs (an initiative's contact person, audit/logs.py) are searched with it, their
subjects by id as well.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import cached_property

from .models import RetentionRun
from .search import entries, search

PAGE_SIZE = 50
# From this many rows the unfiltered log's page count is PostgreSQL's estimate (issue 10).
ESTIMATE_FROM = 10_000


class EstimatedCountPaginator(Paginator):
    """Pages of the access log without counting the whole log on every page.

    The log grows by one row per participant shown in a list, so `COUNT(*)` of it grows without
    end. Unfiltered, on PostgreSQL, the count is the planner's estimate (`pg_class.reltuples`,
    kept by autovacuum's ANALYZE) once it passes ESTIMATE_FROM; a search counts its own rows,
    which its filters bound.
    """

    def __init__(
        self, object_list: QuerySet, per_page: int, *, estimate_tables: tuple[str, ...] = ()
    ) -> None:
        super().__init__(object_list, per_page)
        self.estimate_tables = estimate_tables  # empty: count (a search)

    @cached_property
    def count(self) -> int:
        if connection.vendor == "postgresql" and self.estimate_tables:
            with connection.cursor() as cursor:
                cursor.execute(  # -1: a table never analysed
                    "SELECT SUM(GREATEST(reltuples, 0))::bigint FROM pg_class WHERE oid = ANY(%s::regclass[])",
                    [list(self.estimate_tables)],
                )
                estimate = cursor.fetchone()[0] or 0
            if estimate >= ESTIMATE_FROM:
                return estimate
        return super().count


@login_required
@permission_required("audit.view_accesslogentry", raise_exception=True)
def access_log(request: HttpRequest) -> HttpResponse:
    found = search(request.GET)
    paginator = EstimatedCountPaginator(
        found.rows, PAGE_SIZE, estimate_tables=() if found.filtered else found.tables
    )
    page = paginator.get_page(request.GET.get("page"))
    page.object_list = entries(page.object_list, viewer=request.user)
    return render(request, "audit/access_log.html", {"filter": found.filter, "page": page})


@login_required
@permission_required("audit.view_retentionrun", raise_exception=True)
def retention_runs(request: HttpRequest) -> HttpResponse:
    page = Paginator(RetentionRun.objects.all(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "audit/retention_runs.html", {"page": page})
