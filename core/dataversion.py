"""A data version: one cheap value that changes whenever any row a page or an API answer shows
changes, for HTTP validators (ETag, Last-Modified) and keys of a server cache (issue 22).

Read from the history tables, not kept by signals: django-simple-history writes a history row on
every save and every delete of a model it tracks (pages, admin, shell, cascades), so the newest
history row per table — `MAX(history_id)` and `MAX(history_date)`, both index lookups — is the
version, in ONE query, with no write, no lock and no invalidation race between workers. (A
counter row bumped by signals would put every writing transaction in the whole register on the
same row lock until it commits, and could deadlock against `select_for_update`; bumped after the
commit instead, it would never move inside a test's transaction.) A model without history is
refused (`ValueError`), so nothing shown can change unseen. What neither sees — a QuerySet's
`update()` or `bulk_create` — is used only where no shown value changes (retention clears
names; the lead party's step-down is saved again by the formset in the same transaction).

Settling: history ids are numbered when a row is written, not when its transaction commits, so
a long transaction that wrote before a short one and commits after it changes the data without
raising the newest id. Until `SETTLE_SECONDS` after the newest change (longer than any request's
transaction) the version is `settled=False`: callers keep a server copy only until then and send
no Last-Modified, and the token changes when it settles, so such a copy lives at most that long.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.db import connection, models
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.dateparse import parse_datetime

# Longer than any transaction that writes shown rows: gunicorn kills a request after its
# `timeout` (60 s, gunicorn.conf.py), which rolls its transaction back.
SETTLE_SECONDS = 90


@dataclass(frozen=True)
class DataVersion:
    """The newest change among some models: `token` for keys and ETags, `changed_at` for
    Last-Modified (None with no history at all), `settled` as the module docstring says."""

    token: str
    changed_at: datetime | None
    settled: bool

    def seconds_to_settle(self, now: datetime | None = None) -> int:
        """How long a copy made from this version may be kept before it settles (0: settled)."""
        if self.settled or self.changed_at is None:
            return 0
        left = self.changed_at + timedelta(seconds=SETTLE_SECONDS) - (now or timezone.now())
        return max(1, int(left.total_seconds()) + 1)

    def etag(self, *parts: object) -> str:
        """A strong ETag (quoted) of this version and what else the answer varies by. Keyed with
        SECRET_KEY: the parts (a user's id, committees) are guessable, the tag is not."""
        text = "|".join([self.token, *map(str, parts)])
        return '"' + salted_hmac("core.dataversion", text, algorithm="sha256").hexdigest()[:32] + '"'


def history_tables(tracked: Iterable[type[models.Model]]) -> list[str]:
    tables = []
    for model in tracked:
        history = getattr(model, "history", None)
        if history is None:
            raise ValueError(f"{model.__name__} has no history: a change to it would not change the version")
        tables.append(history.model._meta.db_table)
    return sorted(set(tables))


def _aware(value: datetime | str | None) -> datetime | None:
    if isinstance(value, str):  # SQLite hands a scalar subquery's datetime back as text
        value = parse_datetime(value)
    if value is not None and timezone.is_naive(value):
        value = value.replace(tzinfo=UTC)
    return value


def read(tracked: Iterable[type[models.Model]], *, now: datetime | None = None) -> DataVersion:
    """The data version of `tracked` (models with django-simple-history), in one query."""
    tables = history_tables(tracked)
    quote = connection.ops.quote_name
    columns = ", ".join(
        f"(SELECT MAX(history_id) FROM {quote(t)}), (SELECT MAX(history_date) FROM {quote(t)})"
        for t in tables
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + columns)
        row = cursor.fetchone()
    ids = [row[i] or 0 for i in range(0, len(row), 2)]
    dates = [date for date in (_aware(row[i]) for i in range(1, len(row), 2)) if date is not None]
    changed_at = max(dates, default=None)
    now = now or timezone.now()
    settled = changed_at is None or changed_at <= now - timedelta(seconds=SETTLE_SECONDS)
    token = "-".join(map(str, ids)) + ("" if settled else "~")
    return DataVersion(token=token, changed_at=changed_at, settled=settled)
