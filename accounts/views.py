"""The user's own account: the login page, second factor set-up and verification."""

from __future__ import annotations

import base64
import io
from base64 import b32encode

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.qr import write_qrcode_image

from . import recovery, sso
from .forms import LoginForm, TokenForm, VerifyForm
from .otp import otp_required
from .recovery_views import show_new_codes


class LoginView(auth_views.LoginView):
    """Django's login page (local accounts), with "Logga in med kommunens konto" when single
    sign-on is configured (accounts/sso.py)."""

    authentication_form = LoginForm

    def get_context_data(self, **kwargs: object) -> dict:
        return {**super().get_context_data(**kwargs), "sso_enabled": sso.enabled()}


def _next_url(request: HttpRequest, default: str = "/") -> str:
    target = request.POST.get("next") or request.GET.get("next") or default
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


@login_required
def account(request: HttpRequest) -> HttpResponse:
    devices = list(devices_for_user(request.user, confirmed=True))
    return render(
        request,
        "accounts/account.html",
        {
            "has_device": bool(devices),
            "recovery_codes_left": recovery.remaining(request.user) if devices else None,
            "required": otp_required(request.access),
            "verified": request.user.is_verified(),
        },
    )


@login_required
def otp_setup(request: HttpRequest) -> HttpResponse:
    """Pair an authenticator app: show the secret as a QR code, confirm with one code."""
    if request.user.is_verified() or any(devices_for_user(request.user, confirmed=True)):
        messages.info(request, _("Two-step verification is already on for your account."))
        return redirect("accounts:account")
    device, _created = TOTPDevice.objects.get_or_create(
        user=request.user, confirmed=False, defaults={"name": "app"}
    )
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            messages.success(
                request, _("Two-step verification is on. You will be asked for a code when you log in.")
            )
            return show_new_codes(request, _next_url(request, "/"))
        form.add_error("token", _("The code is wrong or too old. Try the code the app shows now."))
    image = io.BytesIO()
    write_qrcode_image(device.config_url, image)
    return render(
        request,
        "accounts/otp_setup.html",
        {
            "form": form,
            "qr_data_uri": "data:image/svg+xml;base64," + base64.b64encode(image.getvalue()).decode(),
            "secret": b32encode(device.bin_key).decode(),
            "required": otp_required(request.access),
            "next": _next_url(request, ""),
        },
    )


@login_required
def otp_verify(request: HttpRequest) -> HttpResponse:
    """The second step of logging in, for a user who has an authenticator app."""
    if request.user.is_verified():
        return redirect(_next_url(request, "/"))
    form = VerifyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data["token"]
        if form.is_recovery_code:
            device = recovery.use_recovery_code(request.user, token)
            if device is not None:
                otp_login(request, device)
                messages.warning(
                    request,
                    _(
                        "You logged in with a recovery code; %(count)s are left. Make new ones on your account page."
                    )
                    % {"count": recovery.remaining(request.user)},
                )
                return redirect(_next_url(request, "/"))
            form.add_error("token", _("The recovery code is wrong or has already been used."))
        else:
            for device in devices_for_user(request.user, confirmed=True):
                if not isinstance(device, StaticDevice) and device.verify_token(token):
                    otp_login(request, device)
                    return redirect(_next_url(request, "/"))
            form.add_error("token", _("The code is wrong or too old. Try the code the app shows now."))
    return render(request, "accounts/otp_verify.html", {"form": form, "next": _next_url(request, "")})
