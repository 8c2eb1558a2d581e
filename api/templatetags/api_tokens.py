"""The account page's API tokens (api/tokens.py)."""

from __future__ import annotations

from django import template

from ..forms import TokenForm
from ..models import ApiToken
from ..tokens import NEW_TOKEN_SESSION_KEY

register = template.Library()


@register.inclusion_tag("api/_tokens.html", takes_context=True)
def api_tokens(context) -> dict:
    request = context["request"]
    return {
        "tokens": ApiToken.objects.filter(user=request.user),
        "new_token": request.session.pop(NEW_TOKEN_SESSION_KEY, None),
        "form": TokenForm(),
        "csrf_token": context.get("csrf_token"),
    }
