"""Follow-up pages: the year's list, writing one, and its steps draft → submitted → approved."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import history
from core.concurrency import EditConflict, save_versioned
from core.forms import YearForm
from partnerships.models import Agreement

from .. import followups, permissions
from ..followups import contributions
from ..followups.forms import FollowUpForm, SendBackForm
from ..models import FollowUp
from .memos import PAGE_SIZE


@login_required
@permission_required("reports.view_followup", raise_exception=True)
def followup_list(request: HttpRequest) -> HttpResponse:
    """Every agreement that ran in the year, with its follow-up (or none yet)."""
    year_form = YearForm(request.GET)
    if not year_form.is_valid():
        raise Http404(_("No such year."))
    year = year_form.cleaned_data["year"] or timezone.localdate().year - 1
    agreements = followups.agreements_for_year(
        Agreement.objects.for_access(request.access), year
    ).select_related("committee")
    page = Paginator(agreements, PAGE_SIZE).get_page(request.GET.get("page"))
    by_agreement = {
        f.agreement_id: f
        for f in FollowUp.objects.for_access(request.access).filter(
            year=year, agreement__in=[agreement.pk for agreement in page]
        )
    }
    rows = [(agreement, by_agreement.get(agreement.pk)) for agreement in page]
    years = Agreement.objects.for_access(request.access).years()
    return render(
        request, "reports/followup_list.html", {"rows": rows, "page": page, "year": year, "years": years}
    )


def _followup_form(request: HttpRequest, follow_up: FollowUp) -> HttpResponse:
    from_placements = followups.enrolled_from_placements(follow_up.agreement, follow_up.year)
    form = FollowUpForm(request.POST or None, instance=follow_up, from_placements=from_placements)
    conflict = False
    if request.method == "POST" and form.is_valid():
        try:
            saved = save_versioned(form)
        except EditConflict:
            conflict = True
        else:
            if saved is None:  # someone else created this year's follow-up a moment ago
                return _to_existing(request, follow_up)
            messages.success(request, _("The follow-up was saved."))
            return redirect(saved)
    return render(
        request,
        "reports/followup_form.html",
        {"form": form, "follow_up": follow_up, "conflict": conflict},
        status=409 if conflict else 200,
    )


def _to_existing(request: HttpRequest, follow_up: FollowUp) -> HttpResponse:
    """A new follow-up lost the race to another for the same agreement and year: show that one,
    and say that nothing of this form was saved."""
    existing = FollowUp.objects.get(agreement=follow_up.agreement_id, year=follow_up.year)
    messages.error(
        request,
        _(
            "Someone else started this follow-up at the same time, so yours was not saved. "
            "Here is theirs: make your changes to it."
        ),
    )
    return redirect("reports:followup_edit", pk=existing.pk)


@login_required
@permission_required("reports.add_followup", raise_exception=True)
def followup_create(request: HttpRequest, agreement_pk: int, year: int) -> HttpResponse:
    agreement = get_object_or_404(
        Agreement.objects.for_access(request.access).valid_in(year), pk=agreement_pk
    )
    existing = FollowUp.objects.filter(agreement=agreement, year=year).first()
    if existing is not None:
        return redirect(existing)
    return _followup_form(request, FollowUp(agreement=agreement, year=year))


@login_required
@permission_required("reports.change_followup", raise_exception=True)
def followup_edit(request: HttpRequest, pk: int) -> HttpResponse:
    follow_up = get_object_or_404(
        FollowUp.objects.for_access(request.access).select_related("agreement"), pk=pk
    )
    if not permissions.can_edit_followup(request.access, follow_up):
        messages.error(request, _("Only a draft can be changed. Ask the secretary to send it back."))
        return redirect(follow_up)
    return _followup_form(request, follow_up)


def _detail_page(
    request: HttpRequest, follow_up: FollowUp, send_back_form: SendBackForm | None = None, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "reports/followup_detail.html",
        {
            "follow_up": follow_up,
            "contribution_rows": contributions.reported_contributions(follow_up),
            "send_back_form": send_back_form or SendBackForm(),
            "history": history.changes(follow_up.history.all()),
        },
        status=status,
    )


def _visible_follow_up(request: HttpRequest, pk: int) -> FollowUp:
    return get_object_or_404(
        FollowUp.objects.for_access(request.access).select_related(
            "agreement", "submitted_by", "approved_by", "returned_by"
        ),
        pk=pk,
    )


@login_required
@permission_required("reports.view_followup", raise_exception=True)
def followup_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail_page(request, _visible_follow_up(request, pk))


def _step(request: HttpRequest, pk: int, step: Callable[..., FollowUp], done: str) -> HttpResponse:
    follow_up = get_object_or_404(FollowUp.objects.for_access(request.access), pk=pk)
    try:
        step(follow_up=follow_up, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect(follow_up)


@login_required
@permission_required("reports.change_followup", raise_exception=True)
@require_POST
def followup_submit(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, followups.submit, _("The follow-up was submitted."))


@login_required
@permission_required("reports.approve_followup", raise_exception=True)
@require_POST
def followup_approve(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, followups.approve, _("The follow-up was approved."))


@login_required
@permission_required("reports.approve_followup", raise_exception=True)
@require_POST
def followup_send_back(request: HttpRequest, pk: int) -> HttpResponse:
    """Back to its author as a draft, with the reviewer's reason (required)."""
    follow_up = _visible_follow_up(request, pk)
    form = SendBackForm(request.POST)
    if not form.is_valid():
        return _detail_page(request, follow_up, send_back_form=form, status=400)
    try:
        followups.send_back(follow_up=follow_up, by=request.user, reason=form.cleaned_data["reason"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The follow-up was sent back to its author with your reason."))
    return redirect(follow_up)
