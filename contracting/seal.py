"""The municipality's seal on its copy (issue 23): a PAdES signature with the municipality's own
certificate, a PKCS#12 file named in the environment (README, "The agreement document").

    AGREEMENT_SEAL_PKCS12=/etc/iop-registret/seal.p12
    AGREEMENT_SEAL_PASSPHRASE='…'

Without AGREEMENT_SEAL_PKCS12 sealing is not offered.
"""

from __future__ import annotations

import io

from django.conf import settings

FIELD_NAME = "Kommunens_sigill"


def is_configured() -> bool:
    return bool(getattr(settings, "AGREEMENT_SEAL_PKCS12", ""))


def seal(pdf: bytes) -> bytes:
    """`pdf` with the municipality's seal appended as an incremental update (earlier signatures
    stay intact)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers

    passphrase = settings.AGREEMENT_SEAL_PASSPHRASE
    signer = signers.SimpleSigner.load_pkcs12(
        settings.AGREEMENT_SEAL_PKCS12, passphrase=passphrase.encode() if passphrase else None
    )
    if signer is None:
        raise ValueError("The seal's PKCS#12 file could not be read.")
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    out = io.BytesIO()
    signers.sign_pdf(
        writer,
        signers.PdfSignatureMetadata(field_name=FIELD_NAME, reason=settings.MUNICIPALITY_NAME),
        signer=signer,
        output=out,
    )
    return out.getvalue()
