from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm, SetPasswordForm
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _


class TokenForm(forms.Form):
    token = forms.RegexField(
        label=_("Code from your authenticator app"),
        regex=r"^\s*\d{6}\s*$",
        error_messages={"invalid": _("Enter the six digits shown in the app.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_token(self) -> str:
        return self.cleaned_data["token"].strip()


class VerifyForm(forms.Form):
    """The second step of logging in: the app's six digits, or one of the recovery codes."""

    token = forms.RegexField(
        label=_("Code from your authenticator app, or a recovery code"),
        regex=r"^\s*(\d{6}|[A-Za-z2-7]{4}[\s-]?[A-Za-z2-7]{4})\s*$",
        error_messages={"invalid": _("Enter the six digits shown in the app, or a recovery code.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )

    def clean_token(self) -> str:
        return "".join(self.cleaned_data["token"].split()).replace("-", "").lower()

    @property
    def is_recovery_code(self) -> bool:
        return not self.cleaned_data["token"].isdigit()


class LoginForm(AuthenticationForm):
    """Django's login form, with the user name's length checked before anything else: Django
    sets its max_length only as an HTML attribute, so a 10,000-character name reached the
    database (django-axes stores failed names in a 255-character column) and failed there."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["username"]
        field.validators.append(MaxLengthValidator(field.max_length))


class InvitationAcceptForm(SetPasswordForm):
    """Choosing a password from an invitation: the project's password rules
    (AUTH_PASSWORD_VALIDATORS), checked against the invited address too."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    field_order = ["first_name", "last_name", "new_password1", "new_password2"]


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), max_length=254)


class MemberStatusForm(forms.Form):
    """Deactivate or reactivate one user of a partner organisation (a button per user)."""

    user = forms.IntegerField(min_value=1, max_value=2**62, widget=forms.HiddenInput)
    active = forms.TypedChoiceField(
        choices=[("1", "1"), ("0", "0")], coerce=lambda value: value == "1", widget=forms.HiddenInput
    )
