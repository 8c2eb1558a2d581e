"""Writing the agreement document: start it, save a version, fix the decided one, record a
signed copy, seal the municipality's copy. Each is keyword-only and atomic; the slow part
(rendering the PDF, checking signatures) runs before the row is locked (docs: STYLE, "slow work
inside a row lock")."""

from __future__ import annotations

import logging
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from core.concurrency import claim_version
from partnerships.models import Agreement, Partner

from . import document as builder
from . import seal as sealing
from .clauses import unknown_placeholders
from .models import AgreementDocument, DocumentVersion, Signature
from .signatures import SignatureRefused, load_trust_roots, verify

logger = logging.getLogger(__name__)


class DocumentRefused(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _render(agreement: Agreement, clauses: list[dict], number: int) -> tuple[str, dict, bytes]:
    context = builder.document_context(agreement, clauses, number=number)
    return context["text"], builder.content_of(context), builder.render_pdf(context)


def _next_number(document: AgreementDocument) -> int:
    return (document.versions.aggregate(last=Max("number"))["last"] or 0) + 1


def start_document(*, agreement: Agreement, by) -> DocumentVersion:
    """The document's first version, from the committee's current clause templates."""
    if DocumentVersion.objects.filter(document__agreement=agreement).exists():
        raise DocumentRefused(_("The agreement already has a document."))  # before rendering
    clauses = builder.template_clauses(agreement)
    if not clauses:
        raise DocumentRefused(_("There are no clause templates to start the document from."))
    text, content, pdf = _render(agreement, clauses, 1)
    with transaction.atomic():
        document, created = AgreementDocument.objects.select_for_update().get_or_create(agreement=agreement)
        if not created or document.versions.exists():
            raise DocumentRefused(_("The agreement already has a document."))
        return _store(
            document=document, number=1, clauses=clauses, text=text, content=content, pdf=pdf, by=by
        )


def _store(*, document, number, clauses, text, content, pdf, by) -> DocumentVersion:
    return DocumentVersion.objects.create(
        document=document,
        number=number,
        clauses=clauses,
        text=text,
        content=content,
        pdf=pdf,
        sha256=builder.sha256(pdf),
        size=len(pdf),
        created_by=by,
    )


def save_version(
    *, document: AgreementDocument, clauses: list[dict], seen_version: int | None, by
) -> DocumentVersion | None:
    """A new version with `clauses`, over the document as the editor opened it (EditConflict
    otherwise). None when the text is the same as the latest version's: nothing to keep."""
    for clause in clauses:
        unknown = unknown_placeholders(clause["body"])
        if unknown:
            raise DocumentRefused(
                _("Unknown placeholder in “%(title)s”: %(names)s.")
                % {"title": clause["title"], "names": ", ".join(f"{{{name}}}" for name in unknown)}
            )
    if document.is_locked:
        raise DocumentRefused(
            _("The committee has decided a version: the document can no longer be changed.")
        )
    latest = document.versions.order_by("-number").first()
    number = (latest.number if latest else 0) + 1
    text, content, pdf = _render(document.agreement, clauses, number)
    if latest is not None and text == latest.text and clauses == latest.clauses:
        return None
    with transaction.atomic():
        document.version = claim_version(AgreementDocument, document.pk, seen_version)
        number = _next_number(document)  # under the lock: the claim serialises saves
        AgreementDocument.objects.filter(pk=document.pk).update(version=document.version)
        return _store(
            document=document, number=number, clauses=clauses, text=text, content=content, pdf=pdf, by=by
        )


def mark_decided(*, version: DocumentVersion) -> AgreementDocument:
    """Fix `version` as the one the committee decided: the parties sign it; no version follows."""
    with transaction.atomic():
        document = AgreementDocument.objects.select_for_update().get(pk=version.document_id)
        if document.is_locked:
            raise DocumentRefused(_("A decided version is already recorded."))
        document.decided_version = version
        document.version += 1
        document.save(update_fields=["decided_version", "version"])
        return document


def trust_roots() -> list:
    path = settings.SIGNATURE_TRUST_ROOTS
    if not path:
        return []
    return load_trust_roots(Path(path).read_bytes())


def record_signature(
    *,
    document: AgreementDocument,
    party: str,
    partner: Partner | None,
    pdf: bytes,
    file_name: str,
    by,
    sealed=False,
) -> Signature:
    """Verify `pdf` against the decided version (signatures.verify) and keep it with what the
    check found. Raises SignatureRefused (Swedish reason) or DocumentRefused."""
    document = AgreementDocument.objects.select_related("decided_version", "agreement").get(pk=document.pk)
    version = document.decided_version
    if version is None:
        raise DocumentRefused(_("Record which version the committee decided before uploading signed copies."))
    if party == Signature.Party.PARTNER and (
        partner is None or not document.agreement.parties.filter(partner=partner).exists()
    ):
        raise DocumentRefused(_("Choose one of the agreement's partners."))
    found = verify(pdf, original=bytes(version.pdf), trust_roots=trust_roots())
    newest = found[-1]
    with transaction.atomic():
        AgreementDocument.objects.select_for_update().get(pk=document.pk)
        number = (version.signatures.aggregate(last=Max("number"))["last"] or 0) + 1
        return Signature.objects.create(
            version=version,
            number=number,
            party=party,
            partner=partner if party == Signature.Party.PARTNER else None,
            sealed=sealed,
            pdf=pdf,
            sha256=builder.sha256(pdf),
            size=len(pdf),
            file_name=file_name[:200],
            signer=newest.subject[:500],
            signed_at=newest.signed_at,
            signatures=[item.as_json() for item in found],
            uploaded_by=by,
        )


def seal_copy(*, signature: Signature, by) -> Signature:
    """The municipality's sealed copy of a signed copy: its seal appended, verified as any other."""
    if not sealing.is_configured():
        raise DocumentRefused(_("No seal certificate is configured."))
    try:
        sealed = sealing.seal(bytes(signature.pdf))
    except (ValueError, OSError) as error:
        logger.warning("The seal could not be applied: %s", error)
        raise DocumentRefused(
            _("The seal certificate cannot be read: check AGREEMENT_SEAL_PKCS12 and its passphrase.")
        ) from error
    document = signature.version.document
    return record_signature(
        document=document,
        party=Signature.Party.MUNICIPALITY,
        partner=None,
        pdf=sealed,
        file_name=Path(signature.file_name).stem + "-forseglad.pdf",
        by=by,
        sealed=True,
    )


__all__ = ["DocumentRefused", "SignatureRefused", "mark_decided", "record_signature", "save_version"]
