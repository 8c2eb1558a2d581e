"""Who is asking and what they may reach: one `Access` per request, `request.access`.

Set by `AccessMiddleware` on every request; each part is read the first time a view, a
QuerySet or a template asks, then kept for the rest of the request, so group membership is
read once (one query) however many checks a page makes. Everything that decides what a user sees takes it:

- QuerySets: `Agreement.objects.for_access(access)`, `FollowUp.objects.for_access(access)`, …
  An object outside the access is not in the QuerySet, so a view answers 404 for it.
- Object rules: named predicates in each app's `permissions.py` (`can_renew(access, agreement)`),
  used by views and, through `{% load permissions %}`, by templates (`access|can_renew:agreement`).
- Templates: the `access` context variable (accounts.context_processors.access).

What it holds:
- `roles`: the names of the user's groups (accounts.roles), read in one query.
- `partner`: the partner organisation a partner user acts for (accounts.PartnerMembership).
- `committees` / `committee_ids`: the committees a municipal user works for
  (accounts.CommitteeMembership).

Committees and what a municipal user sees (issue 13). For now every municipal role sees every
committee, as before: `Access.sees_all_committees` is True for them, and `in_committees()` — the
one place a QuerySet narrows by committee — returns the QuerySet unchanged. Issue 13 switches
per-committee access on by changing `sees_all_committees` alone (e.g. to "administrators only");
every `for_access` already routes its committee rule through `in_committees()`.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse

from . import backends, roles
from .models import CommitteeMembership, PartnerMembership

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

MUNICIPAL_ROLES = frozenset({roles.OFFICIAL, roles.COORDINATOR, roles.SECRETARY, roles.ADMINISTRATOR})


class Access:
    """What one user may reach. Cheap to build: nothing is read until it is asked for."""

    def __init__(self, user: AbstractBaseUser | AnonymousUser):
        self.user = user

    def __repr__(self) -> str:
        return f"<Access {self.user} roles={sorted(self.roles)}>"

    @property
    def is_authenticated(self) -> bool:
        return self.user.is_authenticated

    @cached_property
    def roles(self) -> frozenset[str]:
        """The user's roles (group names): read with its permissions in one query, once per
        request (accounts.backends.load)."""
        return backends.load(self.user)

    @property
    def is_partner(self) -> bool:
        """A partner organisation's user (insatsledare): the portal, never the municipal pages."""
        return roles.PARTNER in self.roles

    @property
    def is_municipal(self) -> bool:
        return bool(self.roles & MUNICIPAL_ROLES)

    def has_perm(self, perm: str) -> bool:
        """A model permission ("app_label.codename"), as `User.has_perm` answers it; Django's
        backend caches the permissions on the user, so this reads them once per request too."""
        return self.user.is_authenticated and self.user.has_perm(perm)

    @cached_property
    def partner(self):
        """The partner organisation a partner user acts for, or None (everyone else, or a
        partner user not yet linked to an organisation)."""
        if not self.is_partner:
            return None
        membership = PartnerMembership.objects.select_related("partner").filter(user=self.user).first()
        return membership.partner if membership else None

    @cached_property
    def committees(self) -> tuple:
        """The committees (partnerships.Committee) a municipal user works for, by name."""
        if not self.is_municipal:
            return ()
        memberships = CommitteeMembership.objects.filter(user=self.user).select_related("committee")
        memberships = memberships.order_by("committee__name")
        return tuple(membership.committee for membership in memberships)

    @property
    def committee_ids(self) -> frozenset[int]:
        return frozenset(committee.pk for committee in self.committees)

    @property
    def sees_all_committees(self) -> bool:
        """THE switch for per-committee access (issue 13): True means this user's QuerySets are
        not narrowed to `committee_ids`. For now every municipal role sees every committee."""
        return self.is_municipal

    def in_committees(self, queryset: QuerySet, committee_path: str = "committee") -> QuerySet:
        """`queryset` narrowed to the user's committees, unless they see all of them.
        `committee_path` leads from the QuerySet's model to its committee."""
        if self.sees_all_committees:
            return queryset
        return queryset.filter(**{f"{committee_path}__in": self.committee_ids})


def of(request: HttpRequest) -> Access:
    """The request's access: the one the middleware set, else one made now and kept."""
    if not hasattr(request, "access"):
        request.access = Access(request.user)
    return request.access


class AccessMiddleware:
    """Sets `request.access` (after AuthenticationMiddleware); it reads nothing until asked."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.access = Access(request.user)
        return self.get_response(request)
