"""A user's API tokens, made and revoked on the account page (templates/api/_tokens.html).

A new token is shown once: it is put in the session for the one page after the redirect, and
taken out of it there (`api_tokens` template tag); only its hash is stored.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .forms import TokenForm
from .models import ApiToken

NEW_TOKEN_SESSION_KEY = "api_new_token"
MAX_ACTIVE_TOKENS = 10


@login_required
@require_POST
def token_create(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST)
    if not request.access.roles:
        messages.error(request, _("Your account has no role, so an API token would reach nothing."))
    elif ApiToken.objects.active().filter(user=request.user).count() >= MAX_ACTIVE_TOKENS:
        messages.error(
            request, _("You have %(count)s tokens. Revoke one first.") % {"count": MAX_ACTIVE_TOKENS}
        )
    elif not form.is_valid():
        messages.error(request, _("No token was made: give it a name (at most 100 characters)."))
    else:
        _token, raw = ApiToken.issue(user=request.user, name=form.cleaned_data["name"])
        request.session[NEW_TOKEN_SESSION_KEY] = raw
        messages.success(request, _("The token was made. Copy it now: it is not shown again."))
    return redirect("accounts:account")


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken.objects.active().filter(user=request.user), pk=pk)
    token.revoke()
    messages.success(request, _("The token “%(name)s” was revoked.") % {"name": token.name})
    return redirect("accounts:account")
