"""Single sign-on with the municipality's OpenID Connect provider (Entra ID or another), issue 13.

mozilla-django-oidc does the protocol: the authorization-code flow with PKCE, state and nonce,
the ID token's signature. What is ours:

- Who a user is: the provider's subject (`SingleSignOnIdentity`), never a user name, so an SSO
  login can never take over a local account; the user name shown is `preferred_username` (else
  the e-mail, else the subject). Names and e-mail come from the ID token's claims on every login.
- What they may do: the groups claim (`OIDC_GROUPS_CLAIM`) mapped through `OIDC_ROLE_MAP` to
  roles (Django groups) and committees (CommitteeMembership), set again on every login, so a
  group removed at the provider is a role removed here at the next login. Groups that map to no
  role: no access, a Swedish page that says so, and no session left logged in.
- SSO users have no local password (`set_unusable_password`): the login form and the password
  change refuse them; local accounts (partners, a break-glass administrator) work as before.
- Second factor: an SSO login is the provider's authentication, including its multi-factor rule
  (the municipality's conditional access), so `RequireSecondFactorMiddleware` does not ask an
  SSO session for the local TOTP code (`SESSION_KEY`); a local login still does.
- Logout ends the session here and at the provider (`provider_logout_url`, RP-initiated logout
  with the ID token as hint), when the provider has an end-session endpoint.
"""

from __future__ import annotations

import logging
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import auth
from django.contrib.auth.models import Group
from django.core.checks import Error
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render, resolve_url
from django.urls import reverse
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
    OIDCLogoutView,
)

from . import roles
from .access import MUNICIPAL_ROLES
from .middleware import SSO_SESSION_KEY
from .models import CommitteeMembership, SingleSignOnIdentity

logger = logging.getLogger(__name__)

SESSION_KEY = SSO_SESSION_KEY  # set in the session of a user logged in through the provider
REFUSAL_KEY = "_sso_refused"  # why the last SSO login was refused (sso_refused shows it)


def enabled() -> bool:
    """Single sign-on is offered when the provider's client id and endpoints are set."""
    return bool(
        getattr(settings, "OIDC_RP_CLIENT_ID", "")
        and getattr(settings, "OIDC_OP_AUTHORIZATION_ENDPOINT", "")
        and getattr(settings, "OIDC_OP_TOKEN_ENDPOINT", "")
    )


def mapped(groups: list[str]) -> tuple[set[str], set[str]]:
    """The roles and committee abbreviations `groups` give through OIDC_ROLE_MAP.

    OIDC_ROLE_MAP maps a group's name to `{"role": "handläggare", "committees": ["AN"]}`; either
    part may be left out ("roles" takes a list of roles too). Only municipal roles can be given:
    partner users keep local accounts."""
    role_names, committees = set(), set()
    for group in groups:
        entry = settings.OIDC_ROLE_MAP.get(group)
        if not entry:
            continue
        given = entry.get("roles", []) + ([entry["role"]] if entry.get("role") else [])
        role_names |= {name for name in given if name in MUNICIPAL_ROLES}
        committees |= set(entry.get("committees", []))
    return role_names, committees


def groups_of(claims: dict) -> list[str]:
    groups = claims.get(settings.OIDC_GROUPS_CLAIM, [])
    return [groups] if isinstance(groups, str) else [str(g) for g in groups]


class Refused(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class MunicipalOIDCBackend(OIDCAuthenticationBackend):
    """The provider's users as IOP-registret users (see the module's docstring)."""

    def __init__(self, *args, **kwargs):
        # Listed in AUTHENTICATION_BACKENDS always; without OIDC settings it answers nobody.
        if enabled():
            super().__init__(*args, **kwargs)
        self.UserModel = auth.get_user_model()

    def authenticate(self, request, **kwargs):
        if not enabled() or request is None or "code_verifier" not in kwargs:
            return None  # a local login (user name and password): not ours
        try:
            return super().authenticate(request, **kwargs)
        except Refused as refused:
            logger.info("Single sign-on refused: %s", refused.reason)
            request.session[REFUSAL_KEY] = refused.reason
            return None

    def get_userinfo(self, access_token, id_token, payload):
        """The ID token's claims (verified by the parent), with the userinfo endpoint's under
        them when one is configured."""
        if getattr(settings, "OIDC_OP_USER_ENDPOINT", ""):
            return {**super().get_userinfo(access_token, id_token, payload), **payload}
        return payload

    def verify_claims(self, claims) -> bool:
        return bool(claims.get("sub"))

    def filter_users_by_claims(self, claims):
        return self.UserModel.objects.filter(single_sign_on__subject=claims["sub"])

    def get_username(self, claims) -> str:
        return str(claims.get("preferred_username") or claims.get("email") or claims["sub"])[:150]

    @transaction.atomic
    def create_user(self, claims):
        username = self.get_username(claims)
        if self.UserModel.objects.filter(username__iexact=username).exists():
            raise Refused("username_taken")
        self._refuse_unmapped(claims)
        user = self.UserModel(username=username)
        user.set_unusable_password()
        self._fill(user, claims)
        SingleSignOnIdentity.objects.create(user=user, subject=claims["sub"])
        sync_access(user, groups_of(claims))
        return user

    def update_user(self, user, claims):
        with transaction.atomic():
            if not self._has_role(claims):
                sync_access(user, [])  # a group removed at the provider: no role here either
            else:
                self._fill(user, claims)
                sync_access(user, groups_of(claims))
                return user
        raise Refused("unmapped")  # after the commit: the roles stay taken away

    def _has_role(self, claims) -> bool:
        return bool(mapped(groups_of(claims))[0])

    def _refuse_unmapped(self, claims) -> None:
        if not self._has_role(claims):
            raise Refused("unmapped")

    @staticmethod
    def _fill(user, claims) -> None:
        user.email = str(claims.get("email", ""))[:254]
        user.first_name = str(claims.get("given_name", ""))[:150]
        user.last_name = str(claims.get("family_name", ""))[:150]
        if not (user.first_name or user.last_name) and claims.get("name"):
            user.first_name = str(claims["name"])[:150]
        if user.has_usable_password():
            user.set_unusable_password()
        user.save()


def sync_access(user, groups: list[str]) -> None:
    """Roles and committee memberships exactly as `groups` map them (OIDC_ROLE_MAP)."""
    Committee = CommitteeMembership._meta.get_field("committee").related_model  # noqa: N806
    role_names, abbreviations = mapped(groups)
    keep = list(user.groups.exclude(name__in=MUNICIPAL_ROLES | {roles.PARTNER}))
    user.groups.set(keep + list(Group.objects.filter(name__in=role_names)))
    committees = set(Committee.objects.filter(abbreviation__in=abbreviations).values_list("pk", flat=True))
    unknown = abbreviations - set(
        Committee.objects.filter(pk__in=committees).values_list("abbreviation", flat=True)
    )
    if unknown:
        logger.warning("OIDC_ROLE_MAP names committees that do not exist: %s", ", ".join(sorted(unknown)))
    for membership in CommitteeMembership.objects.filter(user=user).exclude(committee__in=committees):
        membership.delete()  # one by one, so the membership's history records it
    have = set(CommitteeMembership.objects.filter(user=user).values_list("committee_id", flat=True))
    for committee_id in committees - have:
        CommitteeMembership.objects.create(user=user, committee_id=committee_id)
    is_staff = roles.ADMINISTRATOR in role_names
    if user.is_staff != is_staff:
        user.is_staff = is_staff
        user.save(update_fields=["is_staff"])


def _only_when_enabled(view):
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not enabled():
            raise Http404("Single sign-on is not configured.")
        return view(request, *args, **kwargs)

    wrapped.__name__ = getattr(view, "__name__", "sso_view")
    wrapped.__doc__ = view.__doc__
    return wrapped


class _Callback(OIDCAuthenticationCallbackView):
    @property
    def failure_url(self) -> str:
        return reverse("sso_refused")

    def login_success(self) -> HttpResponse:
        response = super().login_success()
        self.request.session[SESSION_KEY] = True
        self.request.session.pop(REFUSAL_KEY, None)
        return response


login_start = _only_when_enabled(OIDCAuthenticationRequestView.as_view())
callback = _only_when_enabled(_Callback.as_view())


@_only_when_enabled
def refused(request: HttpRequest) -> HttpResponse:
    """The Swedish page of a refused SSO login: the user is logged out (also of a session they
    had before) and told why, and whom to ask."""
    reason = request.session.get(REFUSAL_KEY, "failed")
    auth.logout(request)  # flushes the session: no login, no ID token left in it
    return render(request, "registration/sso_refused.html", {"reason": reason}, status=403)


def provider_logout_url(request: HttpRequest) -> str:
    """Where logging out sends the browser (OIDC_OP_LOGOUT_URL_METHOD): for an SSO session, the
    provider's end-session endpoint, which ends the session there too and comes back to the
    login page; for a local login, the login page."""
    back = resolve_url(settings.LOGOUT_REDIRECT_URL)
    endpoint = getattr(settings, "OIDC_OP_LOGOUT_ENDPOINT", "")
    if not (request.session.get(SESSION_KEY) and endpoint):
        return back
    params = {
        "post_logout_redirect_uri": request.build_absolute_uri(back),
        "client_id": settings.OIDC_RP_CLIENT_ID,
    }
    if request.session.get("oidc_id_token"):
        params["id_token_hint"] = request.session["oidc_id_token"]
    return f"{endpoint}?{urlencode(params)}"


class LogoutView(OIDCLogoutView):
    """POST only, as Django's LogoutView; ends the provider's session too (provider_logout_url)."""

    @property
    def redirect_url(self) -> str:
        return resolve_url(settings.LOGOUT_REDIRECT_URL)


def check_role_map(app_configs=None, **kwargs) -> list:
    """System check: OIDC_ROLE_MAP is a JSON object of group name -> {"role"/"roles",
    "committees"} naming municipal roles only; a malformed map stops the start."""
    role_map = getattr(settings, "OIDC_ROLE_MAP", {})
    if not isinstance(role_map, dict):
        return [
            Error(
                "OIDC_ROLE_MAP must be a JSON object: group name -> role and committees.", id="accounts.E001"
            )
        ]
    errors = []
    for group, entry in role_map.items():
        if not isinstance(entry, dict) or not set(entry) <= {"role", "roles", "committees"}:
            errors.append(
                Error(
                    f'OIDC_ROLE_MAP["{group}"] must be an object with "role"/"roles" and/or "committees".',
                    id="accounts.E001",
                )
            )
            continue
        for name in entry.get("roles", []) + ([entry["role"]] if "role" in entry else []):
            if name not in MUNICIPAL_ROLES:
                errors.append(
                    Error(
                        f'OIDC_ROLE_MAP["{group}"]: "{name}" is not a municipal role '
                        f"({', '.join(sorted(MUNICIPAL_ROLES))}).",
                        id="accounts.E001",
                    )
                )
    return errors
