"""Coordinator pages: participants, assignment, ends, notes and each agreement's participants.

Only coordinators and administrators hold `participants.view_participant`; everyone else gets
403 here (officials and the secretary see aggregates on the agreement page instead).

Every page that shows a participant's personal data writes the access log (`audit.log_access`)
once it knows what it shows: each participant on a list, the one person on a detail or form page.
"""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from audit.services import Action, log_request
from core import history
from core.concurrency import EditConflict, save_versioned
from core.forms import YearForm
from core.paging import BoundedPaginator
from partnerships.models import Agreement

from . import extract, occupancy, permissions, timeline, usage
from .assignment import (
    AssignmentRefused,
    assign,
    assignment_options,
    change_placement,
    end_placement,
    mark_started,
)
from .filters import ParticipantFilter
from .forms import (
    AssignForm,
    EndPlacementForm,
    ParticipantForm,
    PlacementChangeForm,
    ProgressNoteForm,
    StartForm,
)
from .models import Participant, Placement, ProgressNote

PAGE_SIZE = 50


@login_required
@permission_required("participants.view_participant", raise_exception=True)
def participant_list(request: HttpRequest) -> HttpResponse:
    """Identified participants only: an anonymised row has nothing left to find it by. The
    first thousand in name order are paged; a search narrows the rest (core/paging.py)."""
    participants = Participant.objects.for_access(request.access).identified().with_placements(request.access)
    filterset = ParticipantFilter(request.GET, queryset=participants, request=request)
    page = BoundedPaginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    log_request(request, list(page), Action.LIST)
    return render(request, "participants/participant_list.html", {"filter": filterset, "page": page})


def _participant_for_detail(request: HttpRequest, pk: int) -> Participant:
    notes = ProgressNote.objects.select_related("author").order_by("-date", "-pk")
    placements = (
        Placement.objects.for_access(request.access)
        .select_related("agreement", "assigned_by")
        .prefetch_related(Prefetch("notes", queryset=notes), "outcomes")
        .with_attendance_counts()
        .order_by("-start", "-pk")
    )
    return get_object_or_404(
        Participant.objects.for_access(request.access).prefetch_related(
            Prefetch("placements", queryset=placements)
        ),
        pk=pk,
    )


@login_required
@permission_required("participants.view_participant", raise_exception=True)
def participant_detail(request: HttpRequest, pk: int) -> HttpResponse:
    participant = _participant_for_detail(request, pk)
    placements = list(participant.placements.all())
    log_request(request, [participant], Action.VIEW)
    return render(
        request,
        "participants/participant_detail.html",
        {
            "participant": participant,
            "placements": placements,
            "timeline": timeline.build(placements),
            "history": _participant_history(request, participant, placements),
        },
    )


def _participant_history(request: HttpRequest, participant: Participant, placements: list) -> list:
    """The participant's history and their placements': for a user narrowed to some committees
    (issue 13), of the placements shown only."""
    if request.access.sees_all_committees:
        return history.of(participant, (Placement, "participant"))
    shown = Placement.history.filter(participant_id=participant.pk, id__in=[p.pk for p in placements])
    return history.merged(
        history.changes(participant.history.all()),
        history.changes(shown, what=str(Placement._meta.verbose_name)),
    )


def _participant_form(request: HttpRequest, participant: Participant | None) -> HttpResponse:
    gender = participant.gender if participant is not None else None
    form = ParticipantForm(request.POST or None, instance=participant)
    conflict = False
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():  # the person and the figures counted by their gender
                saved = save_versioned(form)
                if saved is not None and participant is not None and saved.gender != gender:
                    usage.refresh_for_participant(saved.pk)
        except EditConflict:
            conflict = True
        else:
            if saved is not None:
                if participant is not None:
                    log_request(request, [saved], Action.CHANGE)
                messages.success(request, _("%(name)s was saved.") % {"name": saved.full_name})
                return redirect(saved)
    if participant is not None:
        log_request(request, [participant], Action.EDIT)
    return render(
        request,
        "participants/participant_form.html",
        {"form": form, "participant": participant, "conflict": conflict},
        status=409 if conflict else 200,
    )


@login_required
@permission_required("participants.add_participant", raise_exception=True)
def participant_create(request: HttpRequest) -> HttpResponse:
    return _participant_form(request, None)


@login_required
@permission_required("participants.change_participant", raise_exception=True)
def participant_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """An anonymised participant cannot be edited: that would put identifiers back (404)."""
    return _participant_form(
        request, get_object_or_404(Participant.objects.for_access(request.access).identified(), pk=pk)
    )


@login_required
@permission_required("participants.add_placement", raise_exception=True)
def participant_assign(request: HttpRequest, pk: int) -> HttpResponse:
    """Choose a start date, then one of the agreements with room for the participant on it."""
    participant = get_object_or_404(Participant.objects.for_access(request.access).identified(), pk=pk)
    start_form = StartForm.from_request(request.POST if request.method == "POST" else request.GET)
    start = start_form.cleaned_data["start"] if start_form.is_valid() else None
    reachable = Agreement.objects.for_access(request.access)
    options, full = assignment_options(participant, start, among=reachable) if start else ([], [])
    form = AssignForm(request.POST or None, initial={"start": start})
    form.fields["agreement"].queryset = reachable
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            placement = assign(
                participant=participant,
                agreement=data["agreement"],
                start=data["start"],
                planned_end=data["planned_end"],
                days_per_week=data["days_per_week"],
                goals=data["goals"],
                by=request.user,
            )
        except AssignmentRefused as refused:
            form.add_error(None, refused.message)
        else:
            log_request(request, [participant], Action.CHANGE)
            messages.success(
                request,
                _("%(name)s was assigned to “%(agreement)s” from %(start)s.")
                % {
                    "name": participant.full_name,
                    "agreement": placement.agreement.name,
                    "start": f"{placement.start:%Y-%m-%d}",
                },
            )
            return redirect(participant)
    log_request(request, [participant], Action.VIEW)
    return render(
        request,
        "participants/assign.html",
        {
            "participant": participant,
            "start_form": start_form,
            "start": start,
            "options": options,
            "full": full,
            "form": form,
        },
    )


def _placement_form(
    request: HttpRequest,
    pk: int,
    *,
    make_form: Callable[[Placement, QueryDict | None], forms.Form],
    apply: Callable[[Placement, dict], object],
    template: str,
    done: str,
    shown: str,
) -> HttpResponse:
    """The one shape of a page that changes an open placement (end it, change it): the
    coordinator's placement or a 404; an ended one sends back to the person with a word (a POST
    finds out below, as an edit conflict); the service call under the version the page showed;
    the access log both when the page is shown and when it saves (issue 25: two copies of this)."""
    placement = get_object_or_404(Placement.objects.changeable_by(request.access), pk=pk)
    if not permissions.can_change_placement(request.access, placement) and request.method != "POST":
        messages.info(request, _("The placement has already ended."))
        return redirect(placement.participant)
    form = make_form(placement, request.POST or None)
    conflict = False
    if request.method == "POST" and form.is_valid():
        try:
            apply(placement, form.cleaned_data)
        except EditConflict:
            conflict = True
        except AssignmentRefused as refused:
            form.add_error(None, refused.message)
        else:
            log_request(request, [placement.participant], Action.CHANGE)
            messages.success(request, done % {"agreement": placement.agreement.name})
            return redirect(placement.participant)
    log_request(request, [placement.participant], shown)
    return render(
        request,
        template,
        {"placement": placement, "form": form, "conflict": conflict},
        status=409 if conflict else 200,
    )


@login_required
@permission_required("participants.change_placement", raise_exception=True)
def placement_end(request: HttpRequest, pk: int) -> HttpResponse:
    return _placement_form(
        request,
        pk,
        make_form=lambda placement, data: EndPlacementForm(
            data, initial={"actual_end": timezone.localdate(), "seen_version": placement.version}
        ),
        apply=lambda placement, data: end_placement(
            placement=placement,
            end=data["actual_end"],
            reason=data["end_reason"],
            status=data["status"],
            seen_version=data["seen_version"],
        ),
        template="participants/placement_end.html",
        done=_("The placement in “%(agreement)s” was ended."),
        shown=Action.VIEW,
    )


@login_required
@permission_required("participants.change_placement", raise_exception=True)
def placement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change an open placement's planned end, days per week and goals (`change_placement`:
    the agreement's lock and capacity check, as when assigning)."""
    return _placement_form(
        request,
        pk,
        make_form=lambda placement, data: PlacementChangeForm.for_placement(placement, data),
        apply=lambda placement, data: change_placement(
            placement=placement,
            planned_end=data["planned_end"],
            days_per_week=data["days_per_week"],
            goals=data["goals"],
            seen_version=data["seen_version"],
        ),
        template="participants/placement_edit.html",
        done=_("The placement in “%(agreement)s” was changed."),
        shown=Action.EDIT,
    )


@login_required
@permission_required("participants.change_placement", raise_exception=True)
@require_POST
def placement_start(request: HttpRequest, pk: int) -> HttpResponse:
    placement = get_object_or_404(Placement.objects.changeable_by(request.access), pk=pk)
    try:
        mark_started(placement=placement)
    except AssignmentRefused as refused:
        messages.error(request, refused.message)
    else:
        log_request(request, [placement.participant], Action.CHANGE)
    return redirect(placement.participant)


@login_required
@permission_required(["participants.view_placement", "participants.add_progressnote"], raise_exception=True)
def note_create(request: HttpRequest, pk: int) -> HttpResponse:
    placement = get_object_or_404(Placement.objects.changeable_by(request.access), pk=pk)
    note = ProgressNote(placement=placement, author=request.user, date=timezone.localdate())
    form = ProgressNoteForm(request.POST or None, instance=note, placement=placement)
    if request.method == "POST" and form.is_valid():
        form.save()
        log_request(request, [placement.participant], Action.CHANGE)
        messages.success(request, _("The note was saved."))
        return redirect(placement.participant)
    log_request(request, [placement.participant], Action.VIEW)
    return render(request, "participants/note_form.html", {"placement": placement, "form": form})


@login_required
@permission_required("participants.view_placement", raise_exception=True)
def agreement_participants(request: HttpRequest, pk: int) -> HttpResponse:
    """Who was placed in an agreement's activity in a year, with its occupancy that year."""
    agreement = get_object_or_404(Agreement.objects.for_access(request.access), pk=pk)
    year_form = YearForm(request.GET)
    requested = year_form.cleaned_data["year"] if year_form.is_valid() else None
    year = occupancy.choose_year(agreement, requested, timezone.localdate())
    placements = list(
        Placement.objects.for_access(request.access)
        .filter(agreement=agreement)
        .overlapping_year(year)
        .with_days_in_year(year)
        .select_related("participant")
        .order_by("participant__last_name", "participant__first_name", "start")
    )
    log_request(request, [placement.participant_id for placement in placements], Action.LIST)
    return render(
        request,
        "participants/agreement_participants.html",
        {
            "agreement": agreement,
            "year": year,
            "years": occupancy.agreement_years(agreement),
            "occupancy": occupancy.usage_by_agreement([agreement], year)[agreement.pk],
            "placements": placements,
        },
    )


def _participant_for_extract(request: HttpRequest, pk: int) -> Participant:
    return get_object_or_404(Participant.objects.for_access(request.access), pk=pk)


@never_cache
@login_required
@permission_required("participants.view_participant", raise_exception=True)
def participant_extract(request: HttpRequest, pk: int) -> HttpResponse:
    """Registerutdrag: everything held about one person, printable (participants.extract).
    Logged first, so the extract lists its own showing too."""
    participant = _participant_for_extract(request, pk)
    log_request(request, [participant], Action.EXTRACT)
    return render(request, "participants/extract.html", {"extract": extract.build(participant)})


@never_cache
@login_required
@permission_required("participants.view_participant", raise_exception=True)
def participant_extract_json(request: HttpRequest, pk: int) -> HttpResponse:
    """The register extract as a JSON file to hand over or archive."""
    participant = _participant_for_extract(request, pk)
    log_request(request, [participant], Action.EXPORT)
    response = JsonResponse(
        extract.as_json(extract.build(participant)),
        encoder=DjangoJSONEncoder,
        json_dumps_params={"ensure_ascii": False, "indent": 2},
    )
    response["Content-Disposition"] = f'attachment; filename="registerutdrag-{participant.pk}.json"'
    return response
