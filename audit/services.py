"""Writing the access log: views call `log_access` explicitly where they show personal data."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.http import HttpRequest
from django.utils import timezone

from .models import AccessLogEntry, Action, ContactAccessLogEntry

__all__ = ["Action", "Page", "log_access", "log_contacts", "log_request"]


@dataclass(frozen=True)
class Page:
    """The page a participant's data was shown on: its URL name and its path (no query string)."""

    url_name: str
    path: str

    @classmethod
    def of(cls, request: HttpRequest) -> Page:
        match = request.resolver_match
        return cls(url_name=match.view_name if match else "", path=request.path)


def log_access(*, user, participants: Iterable, page: Page, action: str) -> list[AccessLogEntry]:
    """Record that `user` saw `participants` (instances or ids, duplicates ignored) on `page`.

    One INSERT whatever the number of participants; nothing when there are none.
    """
    if not getattr(user, "is_authenticated", False):
        raise ValueError("Only a logged-in user's access can be logged.")
    if action not in Action.values:
        raise ValueError(f"Unknown action {action!r}.")
    ids = list(dict.fromkeys(p if isinstance(p, int) else p.pk for p in participants))
    if not ids:
        return []
    at = timezone.now()
    return AccessLogEntry.objects.bulk_create(
        [
            AccessLogEntry(
                at=at,
                user=user,
                participant_id=pk,
                action=action,
                url_name=page.url_name[:100],
                path=page.path[:300],
            )
            for pk in ids
        ]
    )


def log_request(request: HttpRequest, participants: Iterable, action: str) -> list[AccessLogEntry]:
    """`log_access` for the page `request` shows, by its user: what every view calls."""
    return log_access(user=request.user, participants=participants, page=Page.of(request), action=action)


def log_contacts(request: HttpRequest, shown: dict[int, Iterable]) -> list[ContactAccessLogEntry]:
    """Record that the request's user was shown these partners' contacts (issue 26): partner id →
    its contacts (instances or ids); one INSERT per page, one row per partner with any shown."""
    if not getattr(request.user, "is_authenticated", False):
        return []
    page = Page.of(request)
    at = timezone.now()
    rows = []
    for partner_id, contacts in shown.items():
        ids = list(dict.fromkeys(c if isinstance(c, int) else c.pk for c in contacts))
        if ids:
            rows.append(
                ContactAccessLogEntry(
                    at=at,
                    user=request.user,
                    partner_id=partner_id,
                    contact_ids=ids,
                    url_name=page.url_name[:100],
                    path=page.path[:300],
                )
            )
    return ContactAccessLogEntry.objects.bulk_create(rows) if rows else []
