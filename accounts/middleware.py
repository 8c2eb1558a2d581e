"""Stops a logged-in user at the second-factor step until it is done."""

from __future__ import annotations

from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse

from .otp import needs_second_factor

ALWAYS_OPEN = ("/static/", "/login/", "/logout/", "/account/otp/")


class RequireSecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        step = needs_second_factor(request.access)
        if step and not request.path.startswith(ALWAYS_OPEN):
            return redirect(
                f"{reverse('accounts:otp_' + step)}?{urlencode({'next': request.get_full_path()})}"
            )
        return self.get_response(request)
