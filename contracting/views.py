"""The agreement document's pages under /agreements/<id>/document/ (issue 23): the versions and
signed copies, the clause editor, one version with its difference from the one before, the
downloads, the decided version and the signatures."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from core.concurrency import EditConflict
from partnerships.models import Agreement
from reports.filenames import download_name

from . import diff, permissions, seal, services
from . import document as builder
from .downloads import download, version_filename
from .forms import ClausesForm, SignatureForm
from .models import AgreementDocument, DocumentVersion, Signature
from .signatures import SignatureRefused

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def page(*, methods: tuple[str, ...], edit: bool = False) -> Callable[[Callable], Callable]:
    """Logged in; then who may use the page (403), before the method (405): a role without the
    right learns nothing of which methods a page takes."""
    rule = permissions.can_edit_agreement_document if edit else permissions.can_read_agreement_document

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @login_required
        @wraps(view)
        def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
            if not rule(request.access):
                raise PermissionDenied
            if request.method not in methods:
                return HttpResponseNotAllowed(methods)
            return view(request, *args, **kwargs)

        return wrapper

    return decorate


READ = ("GET", "HEAD")


def _agreement(request: HttpRequest, pk: int, *, edit: bool = False) -> Agreement:
    rule = permissions.can_edit_agreement_document if edit else permissions.can_read_agreement_document
    if not rule(request.access):
        raise PermissionDenied
    agreement = get_object_or_404(
        Agreement.objects.for_access(request.access).select_related("committee"), pk=pk
    )
    if not rule(request.access, agreement):
        raise PermissionDenied  # pragma: no cover (for_access already narrows to the committees)
    return agreement


def _document(agreement: Agreement) -> AgreementDocument | None:
    return AgreementDocument.objects.filter(agreement=agreement).select_related("decided_version").first()


def _version(agreement: Agreement, number: int) -> DocumentVersion:
    return get_object_or_404(
        DocumentVersion.objects.filter(document__agreement=agreement).select_related(
            "document", "created_by"
        ),
        number=number,
    )


@page(methods=READ)
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _agreement(request, pk)
    document = _document(agreement)
    versions = list(document.versions.select_related("created_by").order_by("-number")) if document else []
    signatures = (
        list(
            Signature.objects.filter(version__document=document).select_related(
                "partner", "version", "uploaded_by"
            )
        )
        if document
        else []
    )
    return render(
        request,
        "contracting/document_detail.html",
        {
            "agreement": agreement,
            "document": document,
            "versions": versions,
            "signatures": signatures,
            "can_edit": permissions.can_edit_agreement_document(request.access, agreement),
            "can_seal": seal.is_configured(),
        },
    )


@page(methods=("POST",), edit=True)
def document_start(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _agreement(request, pk, edit=True)
    try:
        version = services.start_document(agreement=agreement, by=request.user)
    except services.DocumentRefused as refused:
        messages.error(request, refused.message)
        return redirect("contracting:document", pk=agreement.pk)
    messages.success(
        request, _("Version %(number)s of the agreement was saved.") % {"number": version.number}
    )
    return redirect("contracting:document", pk=agreement.pk)


@page(methods=("GET", "HEAD", "POST"), edit=True)
def document_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the latest version's clauses to edit. POST: save them as a new version."""
    agreement = _agreement(request, pk, edit=True)
    document = _document(agreement)
    latest = document.versions.order_by("-number").first() if document else None
    if latest is None or document.is_locked:
        messages.error(
            request,
            _("The committee has decided a version: the document can no longer be changed.")
            if latest
            else _("Start the document first."),
        )
        return redirect("contracting:document", pk=agreement.pk)
    form = ClausesForm(
        request.POST or None, clauses=latest.clauses, initial={"seen_version": document.version}
    )
    conflict = False
    if request.method == "POST" and form.is_valid():
        try:
            version = services.save_version(
                document=document,
                clauses=form.edited_clauses(),
                seen_version=form.cleaned_data["seen_version"],
                by=request.user,
            )
        except EditConflict:
            conflict = True
        except services.DocumentRefused as refused:
            form.add_error(None, refused.message)
        else:
            if version is None:
                messages.info(request, _("Nothing was changed, so no new version was saved."))
                return redirect("contracting:document", pk=agreement.pk)
            messages.success(
                request, _("Version %(number)s of the agreement was saved.") % {"number": version.number}
            )
            return redirect("contracting:version", pk=agreement.pk, number=version.number)
    from .clauses import PLACEHOLDERS

    return render(
        request,
        "contracting/document_edit.html",
        {
            "agreement": agreement,
            "form": form,
            "latest": latest,
            "placeholders": PLACEHOLDERS,
            "conflict": conflict,
        },
        status=409 if conflict else 400 if form.is_bound else 200,
    )


@page(methods=READ)
def version_detail(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    agreement = _agreement(request, pk)
    version = _version(agreement, number)
    previous = (
        DocumentVersion.objects.filter(document=version.document, number__lt=number)
        .order_by("-number")
        .first()
    )
    lines = diff.line_diff(previous.text, version.text) if previous else []
    return render(
        request,
        "contracting/version_detail.html",
        {
            "agreement": agreement,
            "version": version,
            "previous": previous,
            "diff": lines,
            "changed": diff.changed(lines),
            "is_decided": version.document.decided_version_id == version.pk,
            "can_edit": permissions.can_edit_agreement_document(request.access, agreement),
        },
    )


@page(methods=READ)
def version_pdf(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    agreement = _agreement(request, pk)
    version = _version(agreement, number)
    return download(
        bytes(version.pdf),
        content_type="application/pdf",
        filename=version_filename(agreement, version, "pdf"),
        sha256=version.sha256,
    )


@page(methods=READ)
def version_docx(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    agreement = _agreement(request, pk)
    version = _version(agreement, number)
    context = builder.context_from_content(agreement, version.content, number=version.number)
    return download(
        builder.render_docx(context), content_type=DOCX, filename=version_filename(agreement, version, "docx")
    )


@page(methods=("POST",), edit=True)
def version_decide(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    agreement = _agreement(request, pk, edit=True)
    version = _version(agreement, number)
    try:
        services.mark_decided(version=version)
    except services.DocumentRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(
            request, _("Version %(number)s is recorded as the decided one.") % {"number": version.number}
        )
    return redirect("contracting:document", pk=agreement.pk)


@page(methods=("GET", "HEAD", "POST"), edit=True)
def signature_upload(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the form. POST: verify the signed PDF and keep it, or say why it is refused."""
    agreement = _agreement(request, pk, edit=True)
    document = _document(agreement)
    if document is None or not document.is_locked:
        messages.error(
            request, _("Record which version the committee decided before uploading signed copies.")
        )
        return redirect("contracting:document", pk=agreement.pk)
    form = SignatureForm(request.POST or None, request.FILES or None, agreement=agreement)
    if request.method == "POST" and form.is_valid():
        party, partner = form.party_and_partner()
        upload = form.cleaned_data["file"]
        try:
            signature = services.record_signature(
                document=document,
                party=party,
                partner=partner,
                pdf=upload.read(),
                file_name=upload.name,
                by=request.user,
            )
        except (SignatureRefused, services.DocumentRefused) as refused:
            form.add_error("file", refused.message)
        else:
            messages.success(
                request,
                _("The signed copy was verified and saved: signed by %(signer)s.")
                % {"signer": signature.signer},
            )
            return redirect("contracting:document", pk=agreement.pk)
    return render(
        request,
        "contracting/signature_upload.html",
        {"agreement": agreement, "document": document, "form": form},
        status=400 if form.is_bound else 200,
    )


def _signature(agreement: Agreement, number: int) -> Signature:
    return get_object_or_404(
        Signature.objects.filter(version__document__agreement=agreement).select_related("version", "partner"),
        number=number,
    )


@page(methods=READ)
def signature_pdf(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    agreement = _agreement(request, pk)
    signature = _signature(agreement, number)
    title = _("Signed agreement %(name)s") % {"name": agreement.name}
    filename = download_name(
        title=f"{title} {signature.number}", day=signature.created_at.date(), extension="pdf"
    )
    return download(
        bytes(signature.pdf), content_type="application/pdf", filename=filename, sha256=signature.sha256
    )


@page(methods=("POST",), edit=True)
def signature_seal(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    agreement = _agreement(request, pk, edit=True)
    signature = _signature(agreement, number)
    try:
        sealed = services.seal_copy(signature=signature, by=request.user)
    except (SignatureRefused, services.DocumentRefused) as refused:
        messages.error(request, refused.message)
    else:
        messages.success(
            request,
            _("The municipality's sealed copy was saved (number %(number)s).") % {"number": sealed.number},
        )
    return redirect("contracting:document", pk=agreement.pk)
