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

Committees and what a municipal user sees (issue 13): officials, coordinators and the
committee secretary see and act on their own committees' agreements only (and what hangs off
them: placements, follow-ups, memos, the overview, the forecast); systemförvaltare and
superusers see every committee (`Access.sees_all_committees`). `in_committees()` is the one
place a QuerySet narrows by committee; a municipal user in no committee gets an empty QuerySet,
never everything. `visible_committees()` is what a committee choice (filters, forms) may offer.
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
        not narrowed to `committee_ids`. Systemförvaltare and superusers only; every other
        municipal role works for its own committees (a partner is narrowed by organisation)."""
        if not (self.user.is_authenticated and self.user.is_active):
            return False
        return self.user.is_superuser or roles.ADMINISTRATOR in self.roles

    def in_committees(
        self, queryset: QuerySet, committee_path: str = "committee", *, as_ids: bool = False
    ) -> QuerySet:
        """`queryset` narrowed to the user's committees, unless they see all of them; nothing
        for a user in no committee. `committee_path` leads from the QuerySet's model to its
        committee. The memberships are a subquery, so narrowing costs the page no query.
        `as_ids`: the committees' ids as values instead (one query, kept for the request), for a
        query whose plan depends on how many rows they reach: PostgreSQL cannot estimate a
        subquery of memberships and at national scale drove a prefetch of 150 placements
        from every agreement of the committees (issue 22)."""
        if self.sees_all_committees:
            return queryset
        committees = sorted(self.committee_ids) if as_ids else self.own_committees()
        return queryset.filter(**{f"{committee_path}__in": committees})

    def own_committees(self) -> QuerySet:
        """The ids of the committees the user is a member of, as a subquery (lazy)."""
        return CommitteeMembership.objects.filter(user_id=self.user.pk).values("committee_id")

    @property
    def scope(self) -> str:
        """A key of what this user's QuerySets are narrowed to, for caches of what they see (the
        overview, partnerships/overview.py): everything, or this user's own (their committees
        are read in the query itself), so one committee's rows never reach another's user."""
        return "all" if self.sees_all_committees else f"user:{self.user.pk}"

    def reaches_committee(self, committee_id: int | None) -> bool:
        """The committee (by id) is one whose objects this user may see and act on."""
        return self.sees_all_committees or (self.is_municipal and committee_id in self.committee_ids)

    def visible_committees(self) -> QuerySet:
        """The committees (partnerships.Committee) a choice may offer this user: every one for
        those who see all, their own for other municipal staff, none for anyone else."""
        committees = CommitteeMembership._meta.get_field("committee").related_model.objects.all()
        if self.sees_all_committees:
            return committees
        if not self.is_municipal:
            return committees.none()
        return self.in_committees(committees, "pk")


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
