"""The officials' pages (issue 23): the committee's initiatives, one initiative with its thread,
the assessment of each criterion, and the decision to proceed or decline. Every page that shows
the contact person is written to the initiatives' access log."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from audit.models import Action
from audit.services import Page
from core.documents import STORAGE_ERRORS, storage_unavailable

from . import permissions, services
from .forms import AssessmentForm, DeclineForm, MessageForm
from .models import AccessLogEntry, Initiative


def log_view(request: HttpRequest, initiatives: Iterable[Initiative], action: str) -> None:
    """One INSERT for the initiatives whose contact person the page shows (as audit.services does
    for participants)."""
    page = Page.of(request)
    AccessLogEntry.objects.bulk_create(
        AccessLogEntry(
            user=request.user, initiative=i, action=action, url_name=page.url_name[:100], path=page.path[:300]
        )
        for i in initiatives
    )


def assessors_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Refuse those who may not assess at all before anything else (a GET to a POST-only page
    included): 403, as the permission matrix says."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if not permissions.can_assess_initiative(request.access):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def _visible(request: HttpRequest, pk: int) -> Initiative:
    if not permissions.can_see_initiatives(request.access):
        raise PermissionDenied
    queryset = Initiative.objects.for_access(request.access).select_related(
        "committee", "guideline", "agreement"
    )
    return get_object_or_404(queryset, pk=pk)


def _assessable(request: HttpRequest, pk: int) -> Initiative:
    initiative = _visible(request, pk)
    if not permissions.can_assess_initiative(request.access, initiative):
        raise PermissionDenied
    return initiative


@login_required
def initiative_list(request: HttpRequest) -> HttpResponse:
    if not permissions.can_see_initiatives(request.access):
        raise PermissionDenied
    # Organisations and figures only: the contact person is shown (and logged) on the initiative's page.
    initiatives = list(Initiative.objects.for_access(request.access).select_related("committee"))
    return render(request, "initiatives/list.html", {"initiatives": initiatives})


def _texts(initiative: Initiative) -> dict[int, str]:
    return {c.number: c.text for c in initiative.guideline.criteria.all()}


@login_required
def initiative_detail(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = _visible(request, pk)
    texts = _texts(initiative)
    log_view(request, [initiative], Action.VIEW)
    return render(
        request,
        "initiatives/detail.html",
        {
            "initiative": initiative,
            "criteria": [(c, texts.get(c.number, "")) for c in initiative.criteria.all()],
            "thread": list(initiative.messages.select_related("written_by")),
            "attachments": list(initiative.attachments.all()),
            "question_form": MessageForm(),
            "decline_form": DeclineForm(),
            "proceed_refusal": services.proceed_refusal(initiative) if initiative.is_open else None,
            "mails_failed": initiative.mails.unsent().exists(),
        },
    )


@login_required
@assessors_only
@require_POST
def ask(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = _assessable(request, pk)
    form = MessageForm(request.POST)
    if form.is_valid():
        services.ask(initiative=initiative, text=form.cleaned_data["text"], by=request.user)
        messages.success(request, _("The question was sent to the organisation."))
    else:
        messages.error(request, _("Write the question."))
    return redirect(initiative)


@login_required
def assess(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = _assessable(request, pk)
    form = AssessmentForm(request.POST or None, initiative=initiative, texts=_texts(initiative))
    if request.method == "POST" and form.is_valid():
        services.assess(
            initiative=initiative, answers=form.answers(), dnr=form.cleaned_data["dnr"], by=request.user
        )
        messages.success(request, _("The assessment was saved."))
        return redirect(initiative)
    return render(request, "initiatives/assess.html", {"initiative": initiative, "form": form})


@login_required
@assessors_only
@require_POST
def proceed(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = _assessable(request, pk)
    try:
        agreement = services.proceed(initiative=initiative, by=request.user)
    except services.Refused as refused:
        messages.error(request, refused.message)
        return redirect(initiative)
    messages.success(
        request,
        _("The draft agreement “%(name)s” was made from the initiative. Complete it and decide it.")
        % {"name": agreement.name},
    )
    return redirect(agreement)


@login_required
@assessors_only
@require_POST
def decline(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = _assessable(request, pk)
    form = DeclineForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the reason the organisation is told."))
        return redirect(initiative)
    services.decline(initiative=initiative, reason=form.cleaned_data["reason"], by=request.user)
    messages.success(request, _("The initiative was declined and the organisation told why."))
    return redirect(initiative)


@login_required
def attachment_download(request: HttpRequest, pk: int, attachment_pk: int) -> HttpResponse:
    initiative = _visible(request, pk)
    attachment = get_object_or_404(initiative.attachments, pk=attachment_pk)
    try:
        handle = attachment.file.open("rb")
    except STORAGE_ERRORS:
        return storage_unavailable(request)
    return FileResponse(
        handle, as_attachment=True, filename=attachment.original_name, content_type=attachment.content_type
    )
