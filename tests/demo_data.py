"""Demo data loaded once per test session: the first test that asks runs the loader, later
tests get the rows it added back with one INSERT per table (`load_once`).

Before this, about a hundred tests ran the seed loaders themselves (update_or_create, history,
validation), which was most of the suite's fixture time.
"""

from __future__ import annotations

from collections.abc import Callable

from django.apps import apps
from django.core.management.color import no_style
from django.db import IntegrityError, connection, models, transaction


class _Ref:
    """A model instance in a loader's result, kept as its model and primary key."""

    def __init__(self, instance):
        self.model, self.pk = type(instance), instance.pk


def _tables() -> list[type[models.Model]]:
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy and not model._meta.swapped
    ]


def _state() -> dict[type[models.Model], dict]:
    return {
        model: {row[model._meta.pk.attname]: row for row in model._base_manager.order_by().values()}
        for model in _tables()
    }


def _freeze(value):
    if isinstance(value, models.Model):
        return _Ref(value)
    if isinstance(value, dict):
        return {key: _freeze(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_freeze(item) for item in value)
    if value is None or isinstance(value, str | int):
        return value
    raise TypeError(f"a loader's result holds {type(value).__name__}, which cannot be kept")


def _thaw(value, fetched: dict):
    if isinstance(value, _Ref):
        if value.model not in fetched:
            fetched[value.model] = value.model._default_manager.in_bulk()
        return fetched[value.model][value.pk]
    if isinstance(value, dict):
        return {key: _thaw(item, fetched) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_thaw(item, fetched) for item in value)
    return value


# name -> (rows the loader added, table by table; its result), or None: not kept, load each time
_LOADED: dict[str, tuple[list[tuple[type[models.Model], list[dict]]], object] | None] = {}


def load_once(request, name: str, loader: Callable[[], object], needs: tuple[str, ...] = ()) -> object:
    """`_load_once`, with the tests' committee memberships (tests/committee_members.py) made
    after the rows are there rather than kept with them."""
    from tests import committee_members

    with committee_members.after_loading():
        return _load_once(request, name, loader, needs)


def _load_once(request, name: str, loader: Callable[[], object], needs: tuple[str, ...] = ()) -> object:
    """Run `loader` (demo data) the first time a test asks in this session, and keep the rows it
    added; later tests get those rows back with one INSERT per table, and the loader's result
    (its model instances fetched again), instead of running the loader again.

    Each test still rolls back what it did, so a test may change the data freely. The rows are
    kept only when the loader added rows and changed none (then they do not depend on what the
    first test had made); a later test whose own rows clash with them (e.g. a committee made by a
    factory first) has the loader run for it as before. A loader that builds on another's rows
    (`needs`) is kept or put back only over those rows as kept.
    """
    consistent = request.node.__dict__.setdefault("_kept_loads", set())
    kept = _LOADED.get(name, ...) if set(needs) <= consistent else None
    if kept not in (None, ...):
        rows, result = kept
        try:
            with transaction.atomic():
                for model, values in rows:
                    model._base_manager.bulk_create([model(**row) for row in values])
        except IntegrityError:
            return loader()
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), [model for model, _ in rows]):
                cursor.execute(sql)
        consistent.add(name)
        return _thaw(result, {})
    if kept is None:
        return loader()
    before = _state()
    result = loader()
    after = _state()
    added, changed = [], False
    for model, now in after.items():
        was = before[model]
        changed = changed or any(now.get(pk) != row for pk, row in was.items())
        new = [row for pk, row in now.items() if pk not in was]
        if new:
            added.append((model, new))
    try:
        frozen = _freeze(result)
    except TypeError:
        frozen, changed = None, True
    _LOADED[name] = None if changed else (added, frozen)
    if not changed:
        consistent.add(name)
    return result
