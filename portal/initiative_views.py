"""A partner organisation already in the portal proposes an initiative from there (issue 23): the
intake's form with the organisation taken from the register and no proof of work (the user has
logged in). It is then followed like any other, through its private link."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.documents import NOT_SAVED, StorageUnavailable
from initiatives import services
from initiatives.forms import CommitteeChoiceForm, IntakeForm
from partnerships.guidelines import guideline_for_new
from partnerships.models import Committee

from .views import partner_required


@partner_required
def initiative_create(request: HttpRequest) -> HttpResponse:
    choice = CommitteeChoiceForm(request.GET or None, committees=Committee.objects.order_by("name"))
    if not choice.is_valid():
        return render(request, "initiatives/intake_committee.html", {"choice": choice})
    committee = choice.cleaned_data["committee"]
    guideline = guideline_for_new(committee)
    form = IntakeForm(
        request.POST or None,
        request.FILES or None,
        committee=committee,
        guideline=guideline,
        partner=request.partner,
        proof_of_work=False,
    )
    if request.method == "POST" and form.is_valid():
        try:
            initiative = services.submit(
                form=form,
                views=form.views(),
                attachments=form.attachments(),
                by=request.user,
                partner=request.partner,
            )
        except StorageUnavailable:
            form.add_error(None, NOT_SAVED)
        else:
            messages.success(request, _("Thank you! Your initiative has been received."))
            return redirect(services.follow_path(initiative))
    return render(
        request,
        "initiatives/intake_form.html",
        {"form": form, "committee": committee, "guideline": guideline},
    )
