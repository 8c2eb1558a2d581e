"""The intake at /initiativ/ and the organisation's private link (issue 23): no login.

Spam protection: a proof of work (initiatives/pow.py) and a limit of submissions per client
address and hour (core/client_ip.py behind the proxy). The private link is the permission: its
token is random and signed (initiatives/services.py: link, find)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.client_ip import client_ip
from core.documents import NOT_SAVED, StorageUnavailable
from partnerships.guidelines import guideline_for_new
from partnerships.models import Committee

from . import pow, services
from .forms import CommitteeChoiceForm, IntakeForm, MessageForm

TOO_MANY = 429


def intake(request: HttpRequest) -> HttpResponse:
    """Step one: choose the committee; step two (`?committee=<id>`): the initiative itself."""
    committees = Committee.objects.order_by("name")
    choice = CommitteeChoiceForm(request.GET or None, committees=committees)
    if not choice.is_valid():
        return render(request, "initiatives/intake_committee.html", {"choice": choice})
    committee = choice.cleaned_data["committee"]
    guideline = guideline_for_new(committee)
    form = IntakeForm(request.POST or None, request.FILES or None, committee=committee, guideline=guideline)
    status = 200
    if request.method == "POST" and form.is_valid():
        # Counted once the form is valid: a person correcting a mistake is not held back.
        if pow.over_limit(client_ip(request)):
            form.add_error(
                None, _("Too many initiatives have been sent from your address. Try again in an hour.")
            )
            status = TOO_MANY
        else:
            try:
                initiative = services.submit(form=form, views=form.views(), attachments=form.attachments())
            except StorageUnavailable:
                form.add_error(None, NOT_SAVED)
            else:
                messages.success(
                    request,
                    _(
                        "Thank you! Your initiative has been received. We have e-mailed a receipt with this page's link to %(email)s."
                    )
                    % {"email": initiative.contact_email},
                )
                return redirect(services.follow_path(initiative))
    return render(
        request,
        "initiatives/intake_form.html",
        {"form": form, "committee": committee, "guideline": guideline, "challenge": pow.create().as_json()},
        status=status,
    )


def follow(request: HttpRequest, signed: str) -> HttpResponse:
    """The organisation's page: its initiative, status, the questions and its answers."""
    initiative = services.find(signed)
    if initiative is None:
        raise Http404(_("No initiative has this link."))
    form = MessageForm(request.POST or None)
    if request.method == "POST":
        if initiative.status != initiative.Status.COMPLETION:
            raise Http404(_("There is no question to answer."))
        if form.is_valid():
            try:
                services.answer(initiative=initiative, text=form.cleaned_data["text"])
            except services.Refused as refused:
                messages.error(request, refused.message)
            else:
                messages.success(request, _("Your answer has been sent."))
            return redirect(request.path)
    return render(
        request,
        "initiatives/follow.html",
        {"initiative": initiative, "thread": list(initiative.messages.all()), "form": form},
    )
