"""One search of every access log (issue 23): the participants' (this app) and those other apps
register (audit/logs.py, an initiative's contact person), as one list newest first. The page
/audit/ and its download (api/export_views.py) both read it.

The logs are separate tables, so the search is a UNION of one SELECT per log with the same
columns, each filtered by the same user, dates, page and action; a search for a participant reads
only the participants' log, a search for an initiative only the initiatives'.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth import get_user_model
from django.db.models import CharField, F, QuerySet, Value
from django.urls import reverse

from . import logs
from .filters import AccessLogFilter
from .models import AccessLogEntry, Action
from .pages import page_title

COMMON = ("user", "date_from", "date_to", "url_name", "action")  # the filters every log takes
COLUMNS = ("id", "at", "user_id", "action", "url_name", "path", "kind", "subject_id")


@dataclass(frozen=True)
class Entry:
    """One row of the search: who saw whose personal data (`kind`, `subject_id`), where, when."""

    at: datetime
    user: object
    action: str
    url_name: str
    path: str
    kind: str
    subject_id: int
    subject_url: str = ""  # another log's subject, for a viewer who may open it

    @property
    def participant_id(self) -> int | None:
        return self.subject_id if self.kind == logs.PARTICIPANT else None

    @property
    def log(self) -> logs.SubjectLog | None:
        return logs.by_kind(self.kind)

    @property
    def page_title(self) -> str:
        return page_title(self.url_name)

    def get_action_display(self) -> str:
        return str(Action(self.action).label) if self.action in Action.values else self.action


@dataclass(frozen=True)
class Search:
    filter: AccessLogFilter
    rows: QuerySet  # values of COLUMNS, newest first
    filtered: bool  # anything typed or chosen: the count is then exact (audit/views.py)
    tables: tuple[str, ...]  # the logs searched


def _columns(queryset: QuerySet, kind: str, subject: str) -> QuerySet:
    return (
        queryset.order_by()  # no ORDER BY inside a UNION (SQLite refuses it)
        .annotate(
            kind=Value(kind, output_field=CharField()),
            subject_id=F(f"{subject}_id"),
        )
        .values(*COLUMNS)
    )


def search(data) -> Search:
    filterset = AccessLogFilter(data, queryset=AccessLogEntry.objects.all())
    filterset.errors  # noqa: B018 - validates: a field typed wrongly is left out, as django-filter does
    typed = {name: value for name, value in filterset.form.cleaned_data.items() if value not in (None, "")}
    chosen = typed.get("log", "")
    subjects = {kind for kind in typed if kind == "participant" or logs.by_kind(kind) is not None}

    def searched(kind: str) -> bool:
        return chosen in ("", kind) and subjects <= {kind}

    parts: list[QuerySet] = []
    tables: list[str] = []
    if searched(logs.PARTICIPANT):
        parts.append(_columns(filterset.qs, logs.PARTICIPANT, "participant"))
        tables.append(AccessLogEntry._meta.db_table)
    for log in logs.logs():
        if not searched(log.kind):
            continue
        queryset = log.model._default_manager.all()
        for name in COMMON:
            queryset = filterset.filters[name].filter(queryset, typed.get(name))
        if log.kind in typed:
            queryset = queryset.filter(**{f"{log.subject}__in": log.find(typed[log.kind]).values("pk")})
        parts.append(_columns(queryset, log.kind, log.subject))
        tables.append(log.model._meta.db_table)
    if not parts:  # a participant and an initiative typed at once: no row is both
        rows = AccessLogEntry.objects.none()
    elif len(parts) == 1:
        rows = parts[0].order_by("-at", "-id")
    else:
        rows = parts[0].union(*parts[1:], all=True).order_by("-at", "-id")
    return Search(filter=filterset, rows=rows, filtered=bool(typed), tables=tuple(tables))


def _subject_url(row: dict, viewer) -> str:
    log = logs.by_kind(row["kind"])
    if log is None or viewer is None or not viewer.has_perm(log.view_permission):
        return ""
    return reverse(log.detail_url_name, args=[row["subject_id"]])


def entries(rows, *, viewer=None) -> list[Entry]:
    """A page of `rows` as entries, their users read in one query."""
    rows = list(rows)
    users = get_user_model().objects.in_bulk({row["user_id"] for row in rows})
    return [
        Entry(
            at=row["at"],
            user=users.get(row["user_id"]),
            action=row["action"],
            url_name=row["url_name"],
            path=row["path"],
            kind=row["kind"],
            subject_id=row["subject_id"],
            subject_url=_subject_url(row, viewer),
        )
        for row in rows
    ]
