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
from datetime import UTC, date, datetime, timedelta
from functools import cache

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


@cache
def _history_table(model: type[models.Model]) -> str:
    """The table of `model`'s history, looked up once per model: `model.history` builds a new
    manager class on every access (simple_history's descriptor), which cost a fifth of a cached
    page's CPU when a page's version named nine models (issue 22)."""
    history = getattr(model, "history", None)
    if history is None:
        raise ValueError(f"{model.__name__} has no history: a change to it would not change the version")
    return history.model._meta.db_table


def history_tables(tracked: Iterable[type[models.Model]]) -> list[str]:
    return sorted({_history_table(model) for model in tracked})


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
    return _version(row, now=now)


def _version(row: tuple, *, now: datetime | None, prefix: str = "") -> DataVersion:
    """A version from (newest id, newest date) pairs, one pair per history table."""
    ids = [row[i] or 0 for i in range(0, len(row), 2)]
    dates = [when for when in (_aware(row[i]) for i in range(1, len(row), 2)) if when is not None]
    changed_at = max(dates, default=None)
    now = now or timezone.now()
    settled = changed_at is None or changed_at <= now - timedelta(seconds=SETTLE_SECONDS)
    token = prefix + "-".join(map(str, ids)) + ("" if settled else "~")
    return DataVersion(token=token, changed_at=changed_at, settled=settled)


@dataclass(frozen=True)
class Scope:
    """What a page shows, for a data version of just that (issue 22): the agreements of
    `committees` (None: every committee) valid in `years` (None: any year), rows hanging off them,
    and tables shared by every committee.

    - `root`: the model with `committee_id`, `valid_from` and `valid_to` (the agreement);
    - `children`: (model, column) of models whose rows belong to one root row (`agreement_id`);
    - `committee_model`: its rows of `committees` only (their names are on the page);
    - `shared`: models read whole (a partner's name is on every committee's page);
    - `referenced`: (model, child model, column) of rows a child row points to (the people
      placed in the agreements: a person's change moves the version of every committee and year
      they were placed in, and no other);
    - `rows`: (model, column, value) of models read where the column has the value: the
      viewer's committee memberships, when `committees` is the subquery of them.

    `committees` is a set of ids, or a QuerySet of ids (`Access.own_committees()`), read in the
    version's own query.
    """

    root: type[models.Model]
    committees: frozenset[int] | models.QuerySet | None
    years: tuple[int, int] | None
    children: tuple[tuple[type[models.Model], str], ...] = ()
    committee_model: type[models.Model] | None = None
    shared: tuple[type[models.Model], ...] = ()
    rows: tuple[tuple[type[models.Model], str, object], ...] = ()
    referenced: tuple[tuple[type[models.Model], type[models.Model], str], ...] = ()

    def committee_sql(self) -> tuple[str, list]:
        """`IN (…)` of the committees, with its parameters ("" for every committee)."""
        if self.committees is None:
            return "", []
        if isinstance(self.committees, models.QuerySet):
            sql, params = self.committees.query.sql_with_params()
            return f"IN ({sql})", list(params)
        if not self.committees:
            return "IN (NULL)", []
        return f"IN ({', '.join(['%s'] * len(self.committees))})", sorted(self.committees)


def read_scoped(scope: Scope, *, now: datetime | None = None) -> DataVersion:
    """The data version of what `scope` covers, in one query. An agreement is in the scope when
    ANY of its history rows is (its committee and validity before an edit as well as after), so a
    change that moves it out of committee A or out of 2023 moves A's and 2023's version too; a
    child row likewise when any of its rows hung off such an agreement. Conservative, never
    blind: an agreement valid 2023–2024 edited for 2024 moves 2023's version as well."""
    quote = connection.ops.quote_name
    root = quote(_history_table(scope.root))
    conditions, params = [], []
    committees, committee_params = scope.committee_sql()
    if committees:
        conditions.append(f"committee_id {committees}")
        params += committee_params
    if scope.years is not None:
        conditions.append("valid_from <= %s AND valid_to >= %s")
        params += [date(scope.years[1], 12, 31), date(scope.years[0], 1, 1)]
    in_scope = f"SELECT id FROM {root}" + (" WHERE " + " AND ".join(conditions) if conditions else "")
    parts = [(root, f"id IN ({in_scope})", params)]
    children = {}
    for model, column in scope.children:
        table = quote(_history_table(model))
        children[model] = table, f"{quote(column)} IN ({in_scope})"
        parts.append((table, f"id IN (SELECT id FROM {table} WHERE {children[model][1]})", params))
    for model, child, column in scope.referenced:
        child_table, child_rows = children[child]
        rows = f"SELECT {quote(column)} FROM {child_table} WHERE {child_rows}"
        parts.append((quote(_history_table(model)), f"id IN ({rows})", params))
    if scope.committee_model is not None:
        table = quote(_history_table(scope.committee_model))
        parts.append((table, f"id {committees}" if committees else "", committee_params))
    parts += [(quote(_history_table(model)), "", []) for model in scope.shared]
    parts += [
        (quote(_history_table(model)), f"{quote(column)} = %s", [value])
        for model, column, value in scope.rows
    ]
    selects, all_params = [], []
    for n, (table, where, part_params) in enumerate(parts):
        selects.append(
            f"(SELECT MAX(history_id) AS i, MAX(history_date) AS d FROM {table}"
            + (f" WHERE {where}" if where else "")
            + f") t{n}"
        )
        all_params += part_params
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM " + ", ".join(selects), all_params)
        row = cursor.fetchone()
    return _version(row, now=now, prefix=_describe(scope))


def _describe(scope: Scope) -> str:
    if scope.committees is None or isinstance(scope.committees, models.QuerySet):
        committees = "all" if scope.committees is None else "own"  # the viewer is in the key
    else:
        committees = ",".join(map(str, sorted(scope.committees)))
    years = "any" if scope.years is None else f"{scope.years[0]}-{scope.years[1]}"
    return f"{committees}/{years}:"
