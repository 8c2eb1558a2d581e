"""The import pages: upload → preview (stored server-side) → confirm; and the template files."""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.files.uploadedfile import UploadedFile
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from core.exports import export_response

from . import services
from .models import ImportBatch

MAX_BYTES = 5 * 1024 * 1024


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("What the file holds"), choices=ImportBatch.Kind.choices)
    file = forms.FileField(label=gettext_lazy("File (XLSX or CSV)"))

    def clean_file(self) -> UploadedFile:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        if not upload.name.lower().endswith((".xlsx", ".csv")):
            raise forms.ValidationError(_("Upload an XLSX or CSV file."))
        return upload


def officials_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    view = permission_required(
        ["partnerships.add_partner", "partnerships.change_partner", "partnerships.add_agreement"],
        raise_exception=True,
    )(view)
    return login_required(view)


@officials_only
def upload(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            batch = services.plan(
                kind=form.cleaned_data["kind"], content=upload.read(), file_name=upload.name, by=request.user
            )
        except services.ImportRefused as refusal:
            form.add_error("file", str(refusal))
        else:
            return redirect("imports:preview", pk=batch.pk)
    return render(request, "imports/upload.html", {"form": form, "kinds": ImportBatch.Kind.choices})


def _own_batch(request: HttpRequest, pk: int) -> ImportBatch:
    return get_object_or_404(ImportBatch.objects.filter(created_by=request.user), pk=pk)


@officials_only
def preview(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _own_batch(request, pk)
    columns = services.COLUMNS[batch.kind]
    rows = [
        {**row, "cells": [row["values"].get(field, "") for field in columns.values()]} for row in batch.rows
    ]
    return render(
        request,
        "imports/preview.html",
        {"batch": batch, "counts": batch.counts(), "headings": list(columns), "rows": rows},
    )


@officials_only
@require_POST
def confirm(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _own_batch(request, pk)
    try:
        saved = services.confirm(batch=batch, by=request.user)
    except services.ImportFailed as failure:
        messages.error(request, failure.message)
        return redirect("imports:preview", pk=batch.pk)
    messages.success(
        request,
        ngettext("%(count)s row was imported.", "%(count)s rows were imported.", saved) % {"count": saved},
    )
    return redirect(
        "partnerships:partner_list" if batch.kind == ImportBatch.Kind.PARTNERS else "partnerships:overview"
    )


@officials_only
def template_file(request: HttpRequest) -> HttpResponse:
    """`?kind=partners|agreements&format=xlsx|csv`: the headings and an example row."""
    kind, fmt = request.GET.get("kind", ""), request.GET.get("format", "xlsx")
    if kind not in services.COLUMNS:
        raise Http404
    return export_response(
        fmt,
        filename=f"iop-import-{kind}",
        title=str(ImportBatch.Kind(kind).label),
        headings=list(services.COLUMNS[kind]),
        rows=services.examples(kind, request.user),
    )
