"""The other apps' access logs, searched together with the participants' at /audit/.

The access log of this app names participants. An app above it that holds other personal data
and logs who saw it in a table of its own (an initiative's contact person, issue 23:
`initiatives.AccessLogEntry`) registers that log in its `AppConfig.ready()`, so the
systemförvaltare finds every view of personal data in one search (audit/search.py) without this
app importing the one above it:

    from audit.logs import SubjectLog, register

    register(SubjectLog(kind="initiative", label=_("Initiative"), model=AccessLogEntry, ...))

The registered model has the participants' log's columns (`at`, `user`, `action`, `url_name`,
`path`) and a foreign key `subject` to what was seen.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise

PARTICIPANT = "participant"


@dataclass(frozen=True)
class SubjectLog:
    kind: str  # a key for the search's "log" choice and the rows: "initiative"
    label: Promise  # what one subject is called: "Initiativ"
    search_label: Promise  # the label of the search field for these subjects
    model: type[models.Model]
    subject: str  # the foreign key to the subject: "initiative"
    find: Callable[[str], models.QuerySet]  # the subjects matching what was typed ("#12", a name)
    detail_url_name: str  # the subject's page, for the link from the log (logged there as usual)
    view_permission: str  # who may follow that link
    url_names: tuple[str, ...]  # the pages that write this log (titles: audit/pages.py)


_logs: list[SubjectLog] = []


def register(log: SubjectLog) -> None:
    if any(known.kind == log.kind for known in _logs) or log.kind == PARTICIPANT:
        raise ValueError(f"An access log of kind {log.kind!r} is registered already.")
    _logs.append(log)


def logs() -> list[SubjectLog]:
    return list(_logs)


def by_kind(kind: str) -> SubjectLog | None:
    return next((log for log in _logs if log.kind == kind), None)
