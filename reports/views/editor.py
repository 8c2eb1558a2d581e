"""The memo editor: one part of the memo at a time (its own fields, or one section) beside a
preview of the whole memo as it prints (issue 14: no more one 8,000-pixel form).

The preview is the server's rendering from the same context as the PDF (reports/context.py).
Saving returns to the same part, so the preview then shows what was saved. "Preview" posts the
form without saving and shows the page with the unsaved text; static/js/memo_preview.js does
that as one types, asking for the preview alone (the X-Memo-Preview header). Every save is
made over the memo's version the editor opened (services.save_memo / save_section / delete_section),
so of two editors of one memo the later save is refused, not lost.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from core.concurrency import EditConflict
from core.params import whole_number

from .. import services
from ..context import memo_context
from ..forms import MemoForm, SectionForm
from ..models import Memo, MemoSection

PREVIEW_HEADER = "X-Memo-Preview"
MEMO_PART = "memo"  # the memo's own fields, as opposed to one of its sections
NEW_PART = "new"


def _memo(request: HttpRequest, pk: int) -> Memo:
    return get_object_or_404(Memo.objects.for_access(request.access).select_related("committee"), pk=pk)


def _in_order(sections: list[MemoSection]) -> list[MemoSection]:
    """As the memo prints them (Meta.ordering: order, then id; a new section last of its order)."""
    return sorted(sections, key=lambda s: (s.order, s.pk is None, s.pk or 0))


def _seen_version(request: HttpRequest) -> int | None:
    seen = request.POST.get("seen_version", "")
    return whole_number(seen)


def _editor(
    request: HttpRequest,
    memo: Memo,
    stored: list[MemoSection],
    *,
    form: MemoForm | SectionForm,
    part: object,
    save: Callable[[], str],
    preview_sections: list[MemoSection],
) -> HttpResponse:
    """The editor page for one part: save and return to it, preview without saving, or show it.

    `preview_sections` are the sections the preview prints: the stored ones, with the edited
    section carrying the form's (unsaved) values once the form has been validated."""
    conflict = False
    if request.method == "POST":
        valid = form.is_valid()  # also puts the typed values on form.instance, for the preview
        if valid and "preview" not in request.POST:
            try:
                message = save()
            except EditConflict:
                conflict = True
            else:
                messages.success(request, message)
                return redirect(request.path)
    sections = _in_order(preview_sections)
    marked = next((index for index, s in enumerate(sections) if s is form.instance), None)
    context = {**memo_context(memo, sections), "marked_section": marked}
    if request.method == "POST" and request.headers.get(PREVIEW_HEADER):
        return render(request, "reports/_memo_preview.html", context)
    return render(
        request,
        "reports/memo_editor.html",
        {
            **context,
            "form": form,
            "part": part,
            "parts": stored,
            "conflict": conflict,
            "unsaved": request.method == "POST",
        },
        status=409 if conflict else 200,
    )


@login_required
@permission_required("reports.change_memo", raise_exception=True)
def memo_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The memo's own fields: title, date, Dnr, proposed decision, basis, signature and
    footnotes (the recipients have their own page, reports/views/dispatch.py)."""
    memo = _memo(request, pk)
    stored = list(memo.sections.all())
    form = MemoForm(request.POST or None, instance=memo)

    def save() -> str:
        services.save_memo(form=form)
        return _("The memo was saved.")

    return _editor(request, memo, stored, form=form, part=MEMO_PART, save=save, preview_sections=stored)


@login_required
@permission_required("reports.change_memo", raise_exception=True)
def memo_section_edit(request: HttpRequest, pk: int, section_pk: int) -> HttpResponse:
    """One section: its heading, level, place, text and overview table; or remove it."""
    memo = _memo(request, pk)
    stored = list(memo.sections.all())
    section = next((s for s in stored if s.pk == section_pk), None)
    if section is None:
        raise Http404(_("No such section."))
    if request.method == "POST" and "delete" in request.POST:
        try:
            services.delete_section(memo=memo, section=section, seen_version=_seen_version(request))
        except EditConflict:
            form = SectionForm(instance=section, memo=memo)
            form.initial["seen_version"] = _seen_version(request)
            return _conflict(request, memo, stored, form=form, part=section.pk)
        messages.success(
            request, _("“%(heading)s” was removed from the memo.") % {"heading": section.heading}
        )
        return redirect("reports:memo_edit", pk=memo.pk)
    form = SectionForm(request.POST or None, instance=section, memo=memo)

    def save() -> str:
        saved = services.save_section(
            memo=memo, form=form, seen_version=form.cleaned_data.get("seen_version")
        )
        return _("“%(heading)s” was saved.") % {"heading": saved.heading}

    return _editor(request, memo, stored, form=form, part=section.pk, save=save, preview_sections=stored)


@login_required
@permission_required("reports.change_memo", raise_exception=True)
def memo_section_create(request: HttpRequest, pk: int) -> HttpResponse:
    """A new section, placed after the last one unless its number says otherwise."""
    memo = _memo(request, pk)
    stored = list(memo.sections.all())
    section = MemoSection(memo=memo, order=max((s.order for s in stored), default=0) + 1)
    form = SectionForm(request.POST or None, instance=section, memo=memo)
    saved: list[MemoSection] = []

    def save() -> str:
        saved.append(
            services.save_section(memo=memo, form=form, seen_version=form.cleaned_data.get("seen_version"))
        )
        return _("“%(heading)s” was added to the memo.") % {"heading": saved[0].heading}

    response = _editor(
        request, memo, stored, form=form, part=NEW_PART, save=save, preview_sections=[*stored, section]
    )
    if saved:  # on to the new section's own page
        return redirect("reports:memo_section_edit", pk=memo.pk, section_pk=saved[0].pk)
    return response


def _conflict(
    request: HttpRequest, memo: Memo, stored: list[MemoSection], *, form: SectionForm, part: object
) -> HttpResponse:
    return render(
        request,
        "reports/memo_editor.html",
        {
            **memo_context(memo, stored),
            "form": form,
            "part": part,
            "parts": stored,
            "conflict": True,
        },
        status=409,
    )
