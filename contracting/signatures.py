"""Checking a signed copy of the agreement document: a pure function over bytes (issue 23).

A party signs the decided version's PDF with a PAdES (or plain CMS) signature, which pyHanko
appends as an incremental update: the original bytes stay as they were, followed by the
signature's revision. `verify` accepts the file only when

- it holds at least one signature, and every signature is intact (the bytes it covers are those
  signed), valid (the cryptography holds) and trusted (its certificate chains to one of
  `trust_roots`, the issuers configured in SIGNATURE_TRUST_ROOTS);
- the first signature signs the first revision after the original, and that original revision
  is byte for byte the stored version: its SHA-256 is the version's. So the signed document is
  the version the committee decided, not a copy made from it or changed before signing;
- any later change (a second party's signature, the municipality's seal) is one a signature
  permits: pyHanko's modification analysis, no change to the content.

Otherwise it raises `SignatureRefused` with a Swedish reason an official can act on.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


class SignatureRefused(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class FoundSignature:
    field: str
    subject: str
    signed_at: datetime | None
    revision: int

    def as_json(self) -> dict:
        return {
            "field": self.field,
            "subject": self.subject,
            "signed_at": self.signed_at.isoformat() if self.signed_at else None,
            "revision": self.revision,
        }


def load_trust_roots(pem_or_der: bytes) -> list:
    """The certificates in a PEM bundle (or one DER certificate), as pyHanko wants them."""
    from asn1crypto import pem
    from asn1crypto import x509 as asn1_x509

    if pem.detect(pem_or_der):
        return [
            asn1_x509.Certificate.load(der) for _type, _headers, der in pem.unarmor(pem_or_der, multiple=True)
        ]
    return [asn1_x509.Certificate.load(pem_or_der)]


def verify(signed: bytes, *, original: bytes, trust_roots: list) -> list[FoundSignature]:
    """The signatures in `signed`, oldest first, when it is `original` correctly signed."""
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.errors import SignatureValidationError
    from pyhanko_certvalidator import ValidationContext

    if not trust_roots:
        raise SignatureRefused(
            _("No trusted certificate issuer is configured, so no signature can be checked.")
        )
    if not signed.startswith(b"%PDF-"):
        raise SignatureRefused(_("The file is not a PDF."))
    try:
        reader = PdfFileReader(io.BytesIO(signed), strict=False)
        embedded = list(reader.embedded_signatures)
    except (PdfError, ValueError, KeyError, TypeError) as error:
        logger.info("Unreadable signed PDF: %s", error)
        raise SignatureRefused(_("The file cannot be read as a PDF.")) from error
    if not embedded:
        raise SignatureRefused(
            _("The file holds no signature: sign the PDF electronically and upload it again.")
        )

    found = []
    context = ValidationContext(trust_roots=trust_roots, allow_fetching=False)
    for signature in embedded:
        try:
            status = validate_pdf_signature(signature, context)
        except (SignatureValidationError, PdfError, ValueError, KeyError, TypeError) as error:
            logger.info("Signature %s not validated: %s", signature.field_name, error)
            raise SignatureRefused(
                _("The signature %(field)s cannot be checked: the file is damaged or changed.")
                % {"field": signature.field_name}
            ) from error
        subject = status.signing_cert.subject.human_friendly
        if not status.intact or not status.valid:
            raise SignatureRefused(
                _("The signature by %(subject)s does not match the file: it was changed after signing.")
                % {"subject": subject}
            )
        if not status.trusted:
            raise SignatureRefused(
                _("The signature by %(subject)s is not from a trusted certificate issuer.")
                % {"subject": subject}
            )
        if not status.bottom_line:
            raise SignatureRefused(
                _("The file was changed after %(subject)s signed it in a way the signature does not allow.")
                % {"subject": subject}
            )
        found.append(
            FoundSignature(
                field=signature.field_name,
                subject=subject,
                signed_at=status.signer_reported_dt,
                revision=signature.signed_revision,
            )
        )
    found.sort(key=lambda item: item.revision)

    if found[0].revision != 1 or not signed.startswith(original):
        raise SignatureRefused(
            _("The signed document is not the decided version: its content differs from the stored PDF.")
        )
    return found
