"""The page an invitation's link opens: choose a password, and the partner user exists."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from . import invitations
from .forms import InvitationAcceptForm

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _invalid(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/invitation_invalid.html", status=410)


@never_cache
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    invitation = invitations.find(token)
    if invitation is None:
        return _invalid(request)
    # Unsaved: the password rules compare the password with the address and the names.
    person = get_user_model()(username=invitation.email, email=invitation.email)
    form = InvitationAcceptForm(person, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = invitations.accept(
                token=token,
                password=form.cleaned_data["new_password1"],
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
            )
        except ValidationError:
            return _invalid(request)
        login(request, user, backend=MODEL_BACKEND)
        messages.success(
            request,
            _("Welcome! Next time, log in with your e-mail address %(email)s.") % {"email": user.email},
        )
        return redirect("home")
    return render(
        request,
        "accounts/invitation_accept.html",
        {"form": form, "invitation": invitation, "expires_at": invitations.expires_at(invitation)},
    )
