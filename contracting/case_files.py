"""The agreement document's part of the case for the archive package (core/case_files.py):
every saved version's PDF and every signed copy, as stored (issue 23)."""

from __future__ import annotations

from collections.abc import Iterator

from django.conf import settings
from django.utils.translation import gettext as _

from core.case_files import CaseFile

from .models import DocumentVersion, Signature


def agreement_document_files(agreement) -> Iterator[CaseFile]:
    versions = DocumentVersion.objects.filter(document__agreement=agreement).select_related("created_by")
    for version in versions.order_by("number"):
        yield CaseFile(
            path=f"overenskommelse/version-{version.number}.pdf",
            content=bytes(version.pdf),
            mimetype="application/pdf",
            title=_("Agreement, version %(number)s") % {"number": version.number},
            creator=settings.MUNICIPALITY_NAME,
            created=version.created_at,
            section=_("Agreement"),
        )
    signatures = Signature.objects.filter(version__document__agreement=agreement).select_related(
        "version", "partner"
    )
    for signature in signatures.order_by("version__number", "number"):
        yield CaseFile(
            path=f"overenskommelse/undertecknad-{signature.version.number}-{signature.number}.pdf",
            content=bytes(signature.pdf),
            mimetype="application/pdf",
            title=_("Signed agreement, version %(version)s (%(party)s)")
            % {"version": signature.version.number, "party": signature.party_display},
            creator=signature.signer,
            created=signature.created_at,
            section=_("Agreement"),
        )
