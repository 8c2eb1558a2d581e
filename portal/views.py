"""The partner portal: a partner organisation's own agreements and the people placed with it.

Every query goes through the user's organisation (`request.access`, accounts.access); an object
of another organisation answers 404. Participants appear with name and placement only, and
every page that shows them writes the access log (`audit.log_access`), as the coordinators' do.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from audit.services import Action, log_request
from contracting import downloads as contracting_downloads
from core.concurrency import EditConflict, save_versioned
from initiatives.models import Initiative
from initiatives.services import follow_path
from participants import occupancy
from participants.forms import ProgressNoteForm
from participants.models import Attendance, Placement, ProgressNote
from partnerships.models import Agreement
from reports import followups
from reports.followups import contributions
from reports.followups.forms import FollowUpForm
from reports.models import FollowUp

from . import attendance, permissions
from .forms import AttendanceForm


def partner_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Logged in as a partner user who belongs to an organisation (`request.access.partner`);
    sets request.partner."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        request.partner = request.access.partner
        if request.partner is None:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


@partner_required
def home(request: HttpRequest) -> HttpResponse:
    year = timezone.localdate().year
    agreements = list(Agreement.objects.for_access(request.access).order_by("-valid_to", "name"))
    usage = occupancy.usage_by_agreement(agreements, year)
    # occupancy this year, for the agreements that run this year
    rows = [(a, usage[a.pk] if a.valid_from.year <= year <= a.valid_to.year else None) for a in agreements]
    initiatives = [(i, follow_path(i)) for i in Initiative.objects.for_access(request.access)]
    return render(
        request,
        "portal/home.html",
        {"partner": request.partner, "rows": rows, "year": year, "initiatives": initiatives},
    )


@partner_required
def agreement(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = get_object_or_404(Agreement.objects.for_access(request.access), pk=pk)
    placements = list(
        Placement.objects.for_access(request.access)
        .filter(agreement=agreement)
        .select_related("participant")
        # open placements first, then the most recently ended
        .order_by(F("actual_end").desc(nulls_first=True), "participant__last_name", "participant__first_name")
    )
    log_request(request, [placement.participant_id for placement in placements], Action.LIST)
    reported = {f.year: f for f in FollowUp.objects.filter(agreement=agreement)}
    years = range(agreement.valid_from.year, min(agreement.valid_to.year, timezone.localdate().year) + 1)
    return render(
        request,
        "portal/agreement.html",
        {
            "agreement": agreement,
            "placements": placements,
            "follow_ups": [(year, reported.get(year)) for year in reversed(years)],
            "decided_document": contracting_downloads.has_decided_version(agreement),
        },
    )


@partner_required
def agreement_document(request: HttpRequest, pk: int) -> HttpResponse:
    """The agreement document's decided version (issue 23), for the partner's own decided
    agreements; 404 until the committee has decided a version."""
    agreement = get_object_or_404(Agreement.objects.for_access(request.access), pk=pk)
    response = contracting_downloads.decided_pdf_response(agreement)
    if response is None:
        raise Http404
    return response


def _placement_page(
    request: HttpRequest,
    placement: Placement,
    attendance_form: AttendanceForm | None = None,
    note_form: ProgressNoteForm | None = None,
    status: int = 200,
) -> HttpResponse:
    log_request(request, [placement.participant_id], Action.VIEW)
    return render(
        request,
        "portal/placement.html",
        {
            "placement": placement,
            "attendance": placement.attendance.select_related("recorded_by")[:60],
            # the partner's own notes only: the coordinator's may hold what the partner need not know
            "notes": placement.notes.filter(
                author__partner_membership__partner=request.partner
            ).select_related("author"),
            "attendance_form": attendance_form or AttendanceForm(placement=placement),
            "note_form": note_form
            or ProgressNoteForm(placement=placement, initial={"date": timezone.localdate()}),
        },
        status=status,
    )


@partner_required
def placement(request: HttpRequest, pk: int) -> HttpResponse:
    return _placement_page(request, get_object_or_404(Placement.objects.changeable_by(request.access), pk=pk))


@partner_required
@require_POST
def attendance_record(request: HttpRequest, pk: int) -> HttpResponse:
    placement = get_object_or_404(Placement.objects.changeable_by(request.access), pk=pk)
    form = AttendanceForm(request.POST, placement=placement)
    if not form.is_valid():
        return _placement_page(request, placement, attendance_form=form, status=400)
    Attendance.objects.update_or_create(
        placement=placement,
        date=form.cleaned_data["date"],
        defaults={"present": form.cleaned_data["present"], "recorded_by": request.user},
    )
    log_request(request, [placement.participant_id], Action.CHANGE)
    messages.success(
        request, _("Attendance for %(date)s was saved.") % {"date": f"{form.cleaned_data['date']:%Y-%m-%d}"}
    )
    return redirect("portal:placement", pk=placement.pk)


@partner_required
@require_POST
def note_create(request: HttpRequest, pk: int) -> HttpResponse:
    placement = get_object_or_404(Placement.objects.changeable_by(request.access), pk=pk)
    note = ProgressNote(placement=placement, author=request.user)
    form = ProgressNoteForm(request.POST, instance=note, placement=placement)
    if not form.is_valid():
        return _placement_page(request, placement, note_form=form, status=400)
    form.save()
    log_request(request, [placement.participant_id], Action.CHANGE)
    messages.success(request, _("The note was saved."))
    return redirect("portal:placement", pk=placement.pk)


@partner_required
def followup_edit(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    """The partner writes its yearly follow-up (återrapport) and submits it for approval."""
    agreement = get_object_or_404(Agreement.objects.for_access(request.access).valid_in(year), pk=pk)
    if year > timezone.localdate().year:
        raise Http404(_("That year has not begun."))
    follow_up = FollowUp.objects.filter(agreement=agreement, year=year).first() or FollowUp(
        agreement=agreement, year=year
    )
    if not permissions.can_write_followup(request.access, follow_up):
        messages.info(request, _("The follow-up has been submitted and can no longer be changed here."))
        return redirect("portal:followup_detail", pk=follow_up.pk)
    form = FollowUpForm(
        request.POST or None,
        instance=follow_up,
        from_placements=followups.enrolled_from_placements(agreement, year),
    )
    saved, conflict = None, False
    if request.method == "POST" and form.is_valid():
        try:
            saved = save_versioned(form)
        except EditConflict:
            conflict = True
        else:
            if saved is None:  # another user of the organisation started it at the same moment
                messages.error(
                    request,
                    _(
                        "Someone else started this follow-up at the same time, so yours was not saved. "
                        "Here is theirs: make your changes to it."
                    ),
                )
                return redirect("portal:followup_edit", pk=agreement.pk, year=year)
    if saved is not None:
        if "submit" not in request.POST:
            messages.success(request, _("The follow-up was saved as a draft."))
            return redirect("portal:followup_edit", pk=agreement.pk, year=year)
        try:
            followups.submit(follow_up=saved, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("portal:followup_edit", pk=agreement.pk, year=year)
        messages.success(request, _("The follow-up was submitted. The administration will review it."))
        return redirect("portal:agreement", pk=agreement.pk)
    return render(
        request,
        "portal/followup_form.html",
        {"form": form, "agreement": agreement, "year": year, "conflict": conflict},
        status=409 if conflict else 200,
    )


@partner_required
def followup_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A follow-up of the partner's own organisation as it was written, read only: what was
    submitted or approved stays visible to its author."""
    follow_up = get_object_or_404(
        FollowUp.objects.for_access(request.access).select_related("agreement", "returned_by"), pk=pk
    )
    return render(
        request,
        "portal/followup_detail.html",
        {
            "follow_up": follow_up,
            "agreement": follow_up.agreement,
            "contribution_rows": contributions.reported_contributions(follow_up),
        },
    )


@partner_required
def attendance_week(request: HttpRequest, pk: int) -> HttpResponse:
    """Attendance of an agreement's placed participants for one ISO week (`?week=2023-W10`),
    entered as a grid and saved all or nothing (portal/attendance.py)."""
    agreement = get_object_or_404(Agreement.objects.for_access(request.access), pk=pk)
    today = timezone.localdate()
    monday = attendance.week_of(request.GET.get("week"), today)
    sunday = monday + timedelta(days=6)
    placements = list(
        Placement.objects.changeable_by(request.access)
        .filter(agreement=agreement)
        .overlapping(monday, sunday)
        .order_by("participant__last_name", "participant__first_name", "start")
    )
    for placement in placements:
        placement.agreement = agreement
    week = attendance.build(placements, monday, today, request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if not week.errors:
            changed = attendance.save(week, by=request.user)
            log_request(request, [p.participant_id for p in placements], Action.CHANGE)
            messages.success(
                request,
                _("Attendance for week %(week)s was saved.") % {"week": attendance.week_label(monday)},
            )
            for sentence in changed:
                messages.warning(request, sentence)
            return redirect(f"{request.path}?week={attendance.iso_week(monday)}")
        status = 400
    log_request(request, [p.participant_id for p in placements], Action.LIST)
    return render(
        request,
        "portal/attendance_week.html",
        {
            "agreement": agreement,
            "week": week,
            "week_name": attendance.week_label(monday),
            "previous": attendance.iso_week(monday - timedelta(days=7)),
            "next": attendance.iso_week(monday + timedelta(days=7)),
            "previous_number": (monday - timedelta(days=7)).isocalendar()[1],
            "next_number": (monday + timedelta(days=7)).isocalendar()[1],
        },
        status=status,
    )
