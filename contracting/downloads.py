"""The agreement document's files as HTTP downloads: the stored bytes, named for a case system,
never cached, with their SHA-256 in a header. Used by the pages and the partner portal."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.translation import gettext as _

from partnerships.models import Agreement
from reports.filenames import attachment_header, download_name

from .models import AgreementDocument, DocumentVersion


def download(content: bytes, *, content_type: str, filename: str, sha256: str | None = None) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = attachment_header(filename)
    response["Cache-Control"] = "private, no-store"
    if sha256:
        response["X-Content-SHA256"] = sha256
    return response


def version_filename(agreement: Agreement, version: DocumentVersion, extension: str) -> str:
    title = _("Agreement %(name)s") % {"name": agreement.name}
    return download_name(
        title=title, day=version.created_at.date(), extension=extension, version=version.number
    )


def has_decided_version(agreement: Agreement) -> bool:
    return AgreementDocument.objects.filter(agreement=agreement, decided_version__isnull=False).exists()


def decided_pdf_response(agreement: Agreement) -> HttpResponse | None:
    """The decided version's PDF, for the partner portal; None when there is none yet."""
    document = AgreementDocument.objects.filter(agreement=agreement).select_related("decided_version").first()
    if document is None or document.decided_version is None:
        return None
    version = document.decided_version
    return download(
        bytes(version.pdf),
        content_type="application/pdf",
        filename=version_filename(agreement, version, "pdf"),
        sha256=version.sha256,
    )
