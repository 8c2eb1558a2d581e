"""Conditional GET for the API's read endpoints (issue 22): an ETag per data version, caller and
URL, so a client that asks again with `If-None-Match` gets a 304 before anything is computed.

The answer varies by who asks (a partner token reaches its own organisation, municipal staff
their committees, and the key figures withhold small counts unless the caller may see
participants), so the ETag is made of the data version of everything the API prints
(core/dataversion.py) AND the caller: user, roles, permissions, committees, partner. Two callers
never share one, and `Cache-Control: private, no-cache` with `Vary: Authorization` keeps shared
caches out and makes the client revalidate every time. The day and the language are in it too:
statuses and the default year follow the day.

A client that does not send `If-None-Match` (or another one's tag) gets the answer's data from the
server cache under the same ETag, rendered for its request: the ETag holds everything the answer
varies by, so a copy is never served to a caller it was not made for.

No Last-Modified: a date cannot say who asked, so a client sending only `If-Modified-Since`
after its access changed would get a wrong 304. The API exposes no participant (no personal
data endpoint); the key figures are aggregates with small groups withheld.
"""

from __future__ import annotations

from django.core.cache import cache
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import parse_etags
from django.utils.translation import get_language
from rest_framework import status
from rest_framework.exceptions import APIException
from rest_framework.request import Request
from rest_framework.response import Response

from contracting.models import AgreementDocument, DocumentVersion, Signature
from core import dataversion
from initiatives.models import Initiative, InitiativeCriterion
from participants.models import Participant, Placement, PlacementOutcome
from partnerships.guidelines import Guideline, GuidelineCriterion
from partnerships.models import (
    Agreement,
    AgreementCriterion,
    AgreementGoal,
    AgreementParty,
    Amendment,
    BudgetFrame,
    Committee,
    Goal,
    GoalArea,
    GoalIndicator,
    Partner,
)
from reports.models import CommitteeDecision, FollowUp, Memo, MemoRecipient, ReportedContribution

# Everything an API answer prints or counts: the agreements and what hangs off them, the
# guidelines' criteria texts, follow-ups, and placements, their outcomes after the activity and
# participants (occupancy, key figures), and the memos with their decisions and recipients.
SHOWN = (
    Committee,
    Partner,
    Agreement,
    AgreementParty,
    Amendment,
    AgreementCriterion,
    Guideline,
    GuidelineCriterion,
    FollowUp,
    Placement,
    PlacementOutcome,
    Participant,
    Initiative,
    InitiativeCriterion,
    Memo,
    CommitteeDecision,
    MemoRecipient,
    AgreementDocument,
    DocumentVersion,
    Signature,
    # issue 24: goals (agreements' `goals`), budget frames (the forecast), reported contributions
    GoalArea,
    Goal,
    GoalIndicator,
    AgreementGoal,
    BudgetFrame,
    ReportedContribution,
)


# The server cache of read answers (issue 22): a copy per ETag, kept while its version lasts.
SERVER_CACHE_PREFIX = "api:read:"
SERVER_CACHE_SECONDS = 600


class NotModified(APIException):
    status_code = status.HTTP_304_NOT_MODIFIED


def caller(request: Request) -> str:
    """What an answer may vary by of the one asking: read from `request.access`, which the
    permission checks have already loaded (roles and permissions in one query)."""
    access = request.access
    user = request.user
    committees = "all" if access.sees_all_committees else sorted(access.committee_ids)
    partner = access.partner.pk if access.partner else None
    return f"{user.pk}|{sorted(access.roles)}|{sorted(user.get_all_permissions())}|{committees}|{partner}"


def etag_for(request: Request) -> tuple[str, dataversion.DataVersion]:
    version = dataversion.read(SHOWN)
    return version.etag(
        caller(request), request.get_full_path(), timezone.localdate(), get_language()
    ), version


class FromCache(APIException):
    """An answer found in the server cache: its data, rendered for this request."""

    def __init__(self, data: object):
        super().__init__()
        self.data = data


class ConditionalReadMixin:
    """For a DRF view: GET and HEAD carry the ETag; a matching `If-None-Match` is answered 304
    after authentication and the permission checks (so a 401 or 403 stays one) and before the
    handler runs."""

    read_etag: str | None = None
    read_version: dataversion.DataVersion | None = None

    def initial(self, request: Request, *args: object, **kwargs: object) -> None:
        super().initial(request, *args, **kwargs)
        if request.method in ("GET", "HEAD"):
            self.read_etag, self.read_version = etag_for(request)
            if self.read_etag in parse_etags(request.headers.get("If-None-Match", "")):
                raise NotModified
            stored = cache.get(SERVER_CACHE_PREFIX + self.read_etag)
            if stored is not None:
                raise FromCache(stored)

    def handle_exception(self, exc: Exception) -> Response:
        if isinstance(exc, NotModified):
            return Response(status=status.HTTP_304_NOT_MODIFIED)
        if isinstance(exc, FromCache):
            self.read_version = None  # already kept
            return Response(exc.data)
        return super().handle_exception(exc)

    def finalize_response(self, request: Request, response: Response, *args: object, **kwargs: object):
        response = super().finalize_response(request, response, *args, **kwargs)
        if self.read_etag and self.read_version is not None and response.status_code == status.HTTP_200_OK:
            # The answer's data under its ETag, which holds everything it varies by: the next
            # request with the same tag renders it without computing it.
            seconds = self.read_version.seconds_to_settle() or SERVER_CACHE_SECONDS
            cache.set(SERVER_CACHE_PREFIX + self.read_etag, response.data, seconds)
        if self.read_etag and response.status_code in (status.HTTP_200_OK, status.HTTP_304_NOT_MODIFIED):
            response["ETag"] = self.read_etag
            patch_cache_control(response, private=True, no_cache=True)
            patch_vary_headers(response, ["Authorization"])
        return response
