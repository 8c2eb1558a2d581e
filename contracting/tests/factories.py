"""Agreement documents for tests: a real first version (rendered), or a stand-in with a few
bytes where a test only needs the rows (the permission matrices)."""

from __future__ import annotations

import hashlib

from contracting import services
from contracting.models import AgreementDocument, DocumentVersion, Signature


def started(agreement, *, by):
    return services.start_document(agreement=agreement, by=by)


def stand_in(agreement, *, by, decided: bool = True, signed: bool = True) -> AgreementDocument:
    """A document with one version (PDF bytes "%PDF-1.7"), decided, with one signed copy."""
    pdf = b"%PDF-1.7"
    document = AgreementDocument.objects.create(agreement=agreement)
    version = DocumentVersion.objects.create(
        document=document,
        number=1,
        clauses=[{"clause": "background", "title": "Bakgrund", "body": "Text."}],
        text="Överenskommelse\n\n1. Bakgrund\n\nText.\n",
        content={
            "title": "Överenskommelse",
            "parties": ["Kommunen"],
            "clauses": [{"clause": "background", "title": "Bakgrund", "blocks": [{"text": "Text."}]}],
        },
        pdf=pdf,
        sha256=hashlib.sha256(pdf).hexdigest(),
        size=len(pdf),
        created_by=by,
    )
    if decided:
        document.decided_version = version
        document.save(update_fields=["decided_version"])
    if signed:
        Signature.objects.create(
            version=version,
            number=1,
            party=Signature.Party.MUNICIPALITY,
            pdf=pdf,
            sha256=hashlib.sha256(pdf).hexdigest(),
            size=len(pdf),
            file_name="signerad.pdf",
            signer="Common Name: Kommunen",
            signatures=[],
            uploaded_by=by,
        )
    return document
