"""The coordinator's page for outcomes after the activity (issue 24): where the person is 6 and
12 months after a placement ended. Logged like every page with personal data (audit.log_request)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import Action, log_request

from . import permissions
from .assignment import AssignmentRefused
from .forms import OutcomeForm
from .models import Placement
from .outcomes import record_outcomes


@login_required
@permission_required("participants.add_placementoutcome", raise_exception=True)
def placement_outcomes(request: HttpRequest, pk: int) -> HttpResponse:
    placement = get_object_or_404(
        Placement.objects.changeable_by(request.access).prefetch_related("outcomes"), pk=pk
    )
    if not permissions.can_record_outcome(request.access, placement):
        raise PermissionDenied(_("Outcomes are recorded once the placement has ended."))
    today = timezone.localdate()
    form = OutcomeForm(request.POST or None, placement=placement, today=today)
    if request.method == "POST" and form.is_valid():
        try:
            record_outcomes(placement=placement, situations=form.situations(), by=request.user, today=today)
        except AssignmentRefused as refused:
            form.add_error(None, refused.message)
        else:
            log_request(request, [placement.participant], Action.CHANGE)
            messages.success(
                request,
                _("The outcomes after “%(agreement)s” were saved.") % {"agreement": placement.agreement.name},
            )
            return redirect(placement.participant)
    log_request(request, [placement.participant], Action.EDIT)
    return render(request, "participants/placement_outcomes.html", {"placement": placement, "form": form})
