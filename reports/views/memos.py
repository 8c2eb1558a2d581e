"""Memo pages: drafting from the registry, editing, preview, export and the stored versions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Max
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from core import history
from core.concurrency import EditConflict
from core.forms import YearForm
from core.params import whole_number
from partnerships.models import Agreement, Committee

from .. import drafting, exports, prepared, services, word, xlsx
from ..context import memo_context
from ..filenames import attachment_header, download_name
from ..forms import DraftDecisionMemoForm, DraftFollowUpMemoForm
from ..models import CommitteeDecision, Memo, MemoSection, MemoVersion

PAGE_SIZE = 50  # memos and follow-ups per page: the lists stay the same size as the registry grows


@login_required
@permission_required("reports.view_memo", raise_exception=True)
def memo_list(request: HttpRequest) -> HttpResponse:
    memos = (
        Memo.objects.for_access(request.access)
        .select_related("committee")
        .annotate(version_count=Count("versions"), last_export=Max("versions__created_at"))
        .order_by("-date", "-pk")  # Meta.ordering does not apply to a query with aggregates
    )
    page = Paginator(memos, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "reports/memo_list.html", {"memos": page.object_list, "page": page})


@login_required
@permission_required("reports.add_memo", raise_exception=True)
def draft_followup_memo(request: HttpRequest) -> HttpResponse:
    """Ny uppföljningsskrivelse: fill the memo from the registry, then edit it."""
    form = DraftFollowUpMemoForm(request.POST or None, committees=request.access.visible_committees())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        draft = drafting.draft_followup_memo(
            committee=data["committee"],
            report_year=data["report_year"],
            overview_year=data["overview_year"],
            date=data["date"],
            case_number=data["case_number"],
        )
        memo = services.save_draft(draft, by=request.user)
        messages.success(
            request, _("The memo was drafted from the registry. Check every section before you export it.")
        )
        return redirect("reports:memo_edit", pk=memo.pk)
    return render(request, "reports/memo_draft_form.html", {"form": form, "heading": _("New follow-up memo")})


@login_required
@permission_required("reports.add_memo", raise_exception=True)
def draft_decision_memo(request: HttpRequest) -> HttpResponse:
    """Ny beslutsskrivelse from a draft or decided agreement."""
    agreements = Agreement.objects.for_access(request.access)
    chosen = whole_number(request.GET.get("agreement"))
    initial = {"agreement": chosen} if chosen is not None else {}
    form = DraftDecisionMemoForm(request.POST or None, agreements=agreements, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        agreement = (
            Agreement.objects.select_related("committee", "predecessor__committee")
            .prefetch_related("parties__partner")
            .get(pk=data["agreement"].pk)
        )
        draft = drafting.draft_decision_memo(
            agreement=agreement,
            date=data["date"],
            case_number=data["case_number"],
            partner_name=data["partner_name"],
            partner_short_name=data["partner_short_name"],
            committee_pays_for=data["committee_pays_for"],
            partner_contributes=data["partner_contributes"],
        )
        memo = services.save_draft(draft, by=request.user)
        messages.success(
            request, _("The memo was drafted from the registry. Check every section before you export it.")
        )
        return redirect("reports:memo_edit", pk=memo.pk)
    return render(request, "reports/memo_draft_form.html", {"form": form, "heading": _("New decision memo")})


def _memo(request: HttpRequest, pk: int) -> Memo:
    return get_object_or_404(Memo.objects.for_access(request.access).select_related("committee"), pk=pk)


@login_required
@permission_required("reports.view_memo", raise_exception=True)
def memo_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The memo as the PDF prints it, its stored versions, and what is missing for it.

    Right after an export (`?download=<number>`) the page also starts that version's download
    (a Refresh header), so one click on "Export" stores the version and downloads it."""
    memo = _memo(request, pk)
    versions = list(memo.versions.select_related("created_by").defer("pdf").order_by("-number"))
    wanted = request.GET.get("download", "")
    download = next((v for v in versions if v.number == whole_number(wanted)), None)
    context = memo_context(memo)
    prepared.prepare_if_stale(memo, context)  # so the export finds the PDF made when it is clicked
    response = render(
        request,
        "reports/memo_detail.html",
        {
            **context,
            "versions": versions,
            "recipient_rows": list(memo.recipients.all()),
            "decision": CommitteeDecision.objects.filter(memo=memo).first(),
            "download": download,
            "summary_gaps": drafting.summary_gaps(memo),
            "history": history.of(memo, (MemoSection, "memo")),
        },
    )
    if download is not None and request.user.has_perm("reports.view_memoversion"):
        response["Refresh"] = f"0; url={download.get_absolute_url()}"
    return response


@login_required
@permission_required("reports.change_memo", raise_exception=True)
@require_POST
def memo_section_fill(request: HttpRequest, pk: int, section_pk: int) -> HttpResponse:
    """Fyll i från godkänd uppföljning: an agreement's section drafted before its follow-up was
    approved gets the follow-up's text, over the memo version the page showed."""
    memo = _memo(request, pk)
    section = get_object_or_404(memo.sections.all(), pk=section_pk)
    seen = request.POST.get("seen_version", "")
    try:
        drafting.fill_summary(memo=memo, section=section, seen_version=whole_number(seen))
    except EditConflict:
        messages.error(
            request,
            _(
                "Someone else changed the memo after you opened it, so nothing was filled in. Check the section again."
            ),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("“%(heading)s” was filled in from the approved follow-up.") % {"heading": section.heading},
        )
    return redirect(memo)


@login_required
@permission_required("reports.add_memoversion", raise_exception=True)
@require_POST
def memo_export(request: HttpRequest, pk: int) -> HttpResponse:
    """Store the memo as its next PDF version and download it, in one step: the memo's page
    (with the new version in its list, SHA-256 included) starts the download."""
    memo = _memo(request, pk)
    version = exports.export_memo(memo=memo, by=request.user)
    messages.success(
        request,
        _("Version %(number)s was stored. The download starts by itself.") % {"number": version.number},
    )
    return redirect(f"{memo.get_absolute_url()}?download={version.number}")


@login_required
@permission_required("reports.view_memoversion", raise_exception=True)
@require_safe
def memo_version_pdf(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    """A stored version, byte for byte as it was exported, named from the memo's date and title."""
    memo = _memo(request, pk)
    version = get_object_or_404(MemoVersion.objects.filter(memo=memo), number=number)
    version.memo = memo
    response = HttpResponse(bytes(version.pdf), content_type="application/pdf")
    response["Content-Disposition"] = attachment_header(version.filename)
    response["X-Content-SHA256"] = version.sha256
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@permission_required("reports.view_memo", raise_exception=True)
@require_safe
def memo_docx(request: HttpRequest, pk: int) -> HttpResponse:
    """The memo as it stands, as a Word document (reports/word.py); not stored as a version."""
    memo = _memo(request, pk)
    response = HttpResponse(
        word.render_docx(memo_context(memo)),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = attachment_header(
        download_name(title=memo.title, day=memo.date, extension="docx")
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@permission_required("partnerships.view_agreement", raise_exception=True)
def overview_xlsx(request: HttpRequest) -> HttpResponse:
    """The committee's overview table for one year as XLSX."""
    year_form = YearForm(request.GET)
    if not year_form.is_valid() or not year_form.cleaned_data["year"]:
        raise Http404(_("No such year."))
    year = year_form.cleaned_data["year"]
    committee_id = request.GET.get("committee", "")
    try:
        committee = xlsx.overview_committee(
            whole_number(committee_id),
            among=request.access.visible_committees(),
        )
    except Committee.DoesNotExist:
        raise Http404(_("No such committee.")) from None
    content = xlsx.overview_export(
        Agreement.objects.for_access(request.access), year=year, committee=committee
    )
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="iop-oversikt-{year}.xlsx"'
    return response
