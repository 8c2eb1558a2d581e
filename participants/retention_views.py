"""Gallring on a page for systemförvaltare (issue 25: the dry run was a command only, in English):
who is due today under the retention rule, masked, and what the last runs removed. The run itself
stays the command (`manage.py gallra`), run by the daily job or the operator."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from audit.models import RetentionRun
from audit.services import Action, log_request

from . import retention

PAGE_SIZE = 50


@login_required
@permission_required("audit.view_retentionrun", raise_exception=True)
def retention_due(request: HttpRequest) -> HttpResponse:
    """The dry run as a page: each participant due shows as #id, masked number and last end; the
    rows shown are written to the access log, as every page that names a participant."""
    today, months = timezone.localdate(), settings.RETENTION_MONTHS
    page = Paginator(retention.due(today, months), PAGE_SIZE).get_page(request.GET.get("page"))
    log_request(request, page.object_list, Action.VIEW)
    return render(
        request,
        "participants/retention_due.html",
        {
            "page": page,
            "months": months,
            "cutoff": retention.cutoff(today, months),
            "runs": RetentionRun.objects.all()[:5],
        },
    )
