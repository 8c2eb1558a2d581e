"""What may be attached to an agreement: PDF and Office documents, within a size limit.

The type is decided from the file's name AND its first bytes, never from what the browser
says, so a renamed executable is refused (OWASP ASVS 12.1, 12.2).
"""

from __future__ import annotations

import hashlib
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

PDF = b"%PDF-"
ZIP = b"PK\x03\x04"  # Office Open XML and OpenDocument are zip files
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc / .xls

ALLOWED_TYPES: dict[str, tuple[bytes, str]] = {
    ".pdf": (PDF, "application/pdf"),
    ".docx": (ZIP, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ".xlsx": (ZIP, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ".pptx": (ZIP, "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
    ".odt": (ZIP, "application/vnd.oasis.opendocument.text"),
    ".ods": (ZIP, "application/vnd.oasis.opendocument.spreadsheet"),
    ".doc": (OLE, "application/msword"),
    ".xls": (OLE, "application/vnd.ms-excel"),
}


def check_upload(upload: UploadedFile) -> str:
    """Return the content type to store for `upload`, or raise a ValidationError in Swedish."""
    suffix = PurePath(upload.name or "").suffix.lower()
    if suffix not in ALLOWED_TYPES:
        raise ValidationError(
            _("Only PDF and Office documents (%(types)s) can be attached.")
            % {"types": ", ".join(sorted(ALLOWED_TYPES))},
            code="file_type",
        )
    if upload.size > settings.ATTACHMENT_MAX_BYTES:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(settings.ATTACHMENT_MAX_BYTES)},
            code="file_size",
        )
    if upload.size == 0:
        raise ValidationError(_("The file is empty."), code="file_empty")
    magic, content_type = ALLOWED_TYPES[suffix]
    upload.seek(0)
    head = upload.read(len(magic))
    upload.seek(0)
    if head != magic:
        raise ValidationError(
            _("The file's content is not a %(type)s document, whatever its name says.")
            % {"type": suffix[1:].upper()},
            code="file_content",
        )
    return content_type


def sha256_of(upload: UploadedFile) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()
