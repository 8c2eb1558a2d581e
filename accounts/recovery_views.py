"""Pages for recovery codes (the user's own), resetting another user's second factor, and the
history of access rights (systemförvaltare)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django_otp import user_has_device

from . import recovery, rights_history
from .permissions import can_reset_second_factor, can_see_access_history

# Session key: the codes just made, until the next page shows them (once) and removes them.
SHOW_ONCE_KEY = "_recovery_codes_to_show"


def show_new_codes(request: HttpRequest, next_url: str = "") -> HttpResponse:
    """Make ten new codes and send the user to the page that shows them, once."""
    request.session[SHOW_ONCE_KEY] = recovery.new_recovery_codes(request.user)
    target = reverse("accounts:recovery_codes")
    return redirect(f"{target}?{urlencode({'next': next_url})}" if next_url else target)


@login_required
@never_cache
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """The codes just made (shown once), else how many are left; POST makes ten new ones (the
    old stop working)."""
    if not user_has_device(request.user, confirmed=True):
        messages.info(request, _("Turn on two-step verification first."))
        return redirect("accounts:account")
    if not request.user.is_verified():
        return redirect("accounts:otp_verify")
    if request.method == "POST":
        return show_new_codes(request)
    codes = request.session.pop(SHOW_ONCE_KEY, None)
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = ""
    return render(
        request,
        "accounts/recovery_codes.html",
        {"codes": codes, "next": next_url, "left": recovery.remaining(request.user)},
    )


@login_required
def second_factor_reset(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm (GET) and reset (POST) another user's second factor."""
    if not can_reset_second_factor(request.access):
        raise PermissionDenied
    user = get_object_or_404(get_user_model(), pk=pk)
    if not can_reset_second_factor(request.access, user):
        raise PermissionDenied
    if request.method == "POST":
        removed = recovery.reset_second_factor(user=user, by=request.user)
        name = user.get_full_name() or user.get_username()
        if removed:
            messages.success(
                request,
                _("The second factor of %(name)s was reset. They set up a new app at their next login.")
                % {"name": name},
            )
        else:
            messages.info(request, _("%(name)s had no second factor.") % {"name": name})
        return redirect("accounts:second_factor_reset", pk=user.pk)
    return render(
        request,
        "accounts/second_factor_reset.html",
        {"subject": user, "has_device": user_has_device(user, confirmed=None)},
    )


@login_required
def access_history(request: HttpRequest) -> HttpResponse:
    """Who changed which access rights, when, and what (accounts/rights_history.py)."""
    if not can_see_access_history(request.access):
        raise PermissionDenied
    return render(request, "accounts/access_history.html", {"history": rights_history.access_history()})
