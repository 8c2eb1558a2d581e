"""`/agreements/<id>/archive-package/`: the agreement's whole case as an FGS package (issue 23)."""

from __future__ import annotations

import logging

from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from core.documents import STORAGE_ERRORS, storage_unavailable
from partnerships.models import Agreement
from reports.filenames import attachment_header

from .models import PackageDownload
from .package import build_package
from .permissions import can_download_archive_package

log = logging.getLogger(__name__)


@login_required
@permission_required("reports.view_memo", raise_exception=True)  # 403 before anything is looked up
@require_safe
def archive_package(request: HttpRequest, pk: int) -> HttpResponse:
    """Build and download the package; every download is recorded (who, when, the ZIP's SHA-256)."""
    agreement = get_object_or_404(
        Agreement.objects.for_access(request.access).select_related("committee"), pk=pk
    )
    if not can_download_archive_package(request.access, agreement):
        raise PermissionDenied
    user = request.user
    try:
        package = build_package(agreement, submitter=user.get_full_name() or user.get_username())
    except STORAGE_ERRORS:
        return storage_unavailable(request)
    PackageDownload.objects.create(
        user=user,
        agreement=agreement,
        package_id=package.package_id,
        sha256=package.sha256,
        files=len(package.files),
        size=len(package.content),
    )
    log.info(
        "Archive package of agreement %s by user %s: %s files", agreement.pk, user.pk, len(package.files)
    )
    response = HttpResponse(package.content, content_type="application/zip")
    response["Content-Disposition"] = attachment_header(package.filename)
    response["X-Content-SHA256"] = package.sha256
    response["Cache-Control"] = "private, no-store"
    return response
