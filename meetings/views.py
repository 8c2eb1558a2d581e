"""A partnership's meetings: the list and a new one, one meeting with its decisions, the minutes."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from core.documents import NOT_SAVED, STORAGE_ERRORS, StorageUnavailable, storage_unavailable
from partnerships.models import Agreement

from . import permissions, services
from .forms import DecisionForm, MeetingForm
from .models import Decision, Meeting


def _agreement(request: HttpRequest, pk: int) -> Agreement:
    if not permissions.can_see_meetings(request.access):
        raise PermissionDenied
    return get_object_or_404(Agreement.objects.for_access(request.access).select_related("committee"), pk=pk)


@login_required
def agreement_meetings(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the agreement's working and steering group meetings. POST: record one."""
    agreement = _agreement(request, pk)
    form, status = None, 200
    if permissions.can_record_meetings(request.access, agreement):
        form = MeetingForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                meeting = services.record_meeting(form=form, agreement=agreement, by=request.user)
            except StorageUnavailable:
                form.add_error("minutes_file", NOT_SAVED)
                status = 503
            else:
                messages.success(
                    request, _("The meeting of %(date)s was recorded.") % {"date": f"{meeting.date:%Y-%m-%d}"}
                )
                return redirect(meeting)
    elif request.method == "POST":
        raise PermissionDenied
    meetings = agreement.meetings.prefetch_related("decisions__owner")
    return render(
        request,
        "meetings/agreement_meetings.html",
        {"agreement": agreement, "meetings": meetings, "form": form, "today": timezone.localdate()},
        status=400 if status == 200 and form is not None and form.is_bound else status,
    )


def _meeting(request: HttpRequest, pk: int) -> Meeting:
    if not permissions.can_see_meetings(request.access):
        raise PermissionDenied
    return get_object_or_404(
        Meeting.objects.for_access(request.access).select_related("agreement__committee"), pk=pk
    )


@login_required
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the meeting, its minutes and decisions. POST: add a decision."""
    meeting = _meeting(request, pk)
    form = None
    if permissions.can_record_meetings(request.access, meeting.agreement):
        form = DecisionForm(request.POST or None, agreement=meeting.agreement)
        if request.method == "POST" and form.is_valid():
            services.add_decision(form=form, meeting=meeting)
            messages.success(request, _("The decision was recorded."))
            return redirect(meeting)
    elif request.method == "POST":
        raise PermissionDenied
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            "meeting": meeting,
            "agreement": meeting.agreement,
            "decisions": meeting.decisions.select_related("owner"),
            "form": form,
            "today": timezone.localdate(),
        },
        status=400 if form is not None and form.is_bound else 200,
    )


@login_required
def decision_done(request: HttpRequest, pk: int) -> HttpResponse:
    """POST: mark the decision done: those who record meetings, or the decision's owner."""
    access = request.access
    if not permissions.can_see_meetings(access):
        raise PermissionDenied
    records = permissions.can_record_meetings(access)
    if request.method != "POST":
        if records:
            return HttpResponseNotAllowed(["POST"])
        raise PermissionDenied
    decisions = Decision.objects.filter(meeting__in=Meeting.objects.for_access(access)).select_related(
        "meeting__agreement"
    )
    decision = decisions.filter(pk=pk).first()
    if decision is None and records:
        raise Http404
    # The owner rule lives in can_mark_done alone (issue 25: the view checked it a second time).
    # One who does not record meetings learns nothing of a decision not theirs: 403 whether it
    # exists or not.
    if decision is None or not permissions.can_mark_done(access, decision):
        raise PermissionDenied
    services.mark_done(decision=decision, on=timezone.localdate())
    messages.success(request, _("The decision was marked done."))
    return redirect("home") if request.POST.get("next") == "home" else redirect(decision.meeting)


@login_required
def minutes_download(request: HttpRequest, pk: int) -> FileResponse:
    meeting = _meeting(request, pk)
    if not meeting.minutes_file:
        raise Http404
    try:
        stored = meeting.minutes_file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    except STORAGE_ERRORS:
        return storage_unavailable(request)
    response = FileResponse(
        stored,
        as_attachment=True,
        filename=meeting.minutes_name,
        content_type=meeting.minutes_content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response
