"""The page that ends an agreement early (issue 26): GET the form, POST record it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from partnerships import permissions
from partnerships.models import Agreement

from . import services
from .forms import TerminationForm


@login_required
@permission_required("partnerships.change_agreement", raise_exception=True)
def terminate(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = get_object_or_404(
        Agreement.objects.for_access(request.access).select_related("committee", "termination"), pk=pk
    )
    if not permissions.can_edit_agreement(request.access, agreement):
        raise PermissionDenied
    if not permissions.can_terminate(request.access, agreement):
        messages.error(request, _("This agreement cannot be ended early (a draft, or ended already)."))
        return redirect(agreement)
    form = TerminationForm(request.POST or None, agreement=agreement)
    if request.method == "POST" and form.is_valid():
        try:
            ending = services.end_early(form=form, by=request.user)
        except services.TerminationRefused as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(
                request,
                _("“%(name)s” ends on %(day)s.")
                % {"name": agreement.name, "day": f"{ending.termination.last_day:%Y-%m-%d}"}
                + " "
                + ngettext(
                    "%(count)s planned instalment was cancelled.",
                    "%(count)s planned instalments were cancelled.",
                    len(ending.cancelled),
                )
                % {"count": len(ending.cancelled)},
            )
        return redirect(agreement)
    return render(
        request,
        "terminations/terminate.html",
        {"agreement": agreement, "form": form, "open_placements": len(services.open_after(agreement))},
    )
