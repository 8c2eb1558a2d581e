"""Who changed what and when, from django-simple-history, ready for a detail page."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from .formatting import format_kr

ACTIONS = {"+": _("created"), "~": _("changed"), "-": _("deleted")}
HIDDEN_FIELDS = {"id", "version", "updated_at"}


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class Change:
    when: datetime
    who: str
    what: str
    action: str
    fields: list[FieldChange] = field(default_factory=list)


class _Names:
    """Display values for the fields of history records; related objects by their name,
    fetched once per related model for the whole list."""

    def __init__(self, pairs):
        wanted: dict[type[models.Model], set] = defaultdict(set)
        for record, names in pairs:
            for name in names:
                model_field = record.instance_type._meta.get_field(name)
                if model_field.is_relation:
                    for rec in (record, getattr(record, "_older", None)):
                        value = getattr(rec, model_field.attname, None) if rec is not None else None
                        if value is not None:
                            wanted[model_field.related_model].add(value)
        self.objects = {model: model._default_manager.in_bulk(ids) for model, ids in wanted.items()}

    def display(self, record, name: str) -> str:
        model_field = record.instance_type._meta.get_field(name)
        value = getattr(record, model_field.attname)
        if value in (None, ""):
            return "–"
        if model_field.is_relation:
            related = self.objects.get(model_field.related_model, {}).get(value)
            return str(related) if related is not None else f"#{value}"
        if model_field.choices:
            return str(dict(model_field.flatchoices).get(value, value))
        if isinstance(model_field, models.BooleanField):
            return str(_("yes") if value else _("no"))
        if isinstance(model_field, models.DecimalField):
            if model_field.decimal_places == 0 and model_field.max_digits == 12:  # money: STYLE.md
                return format_kr(value)
            return f"{Decimal(value).normalize():f}".replace(".", ",")  # capacity "40", "40,5"
        return str(value)


def changes(history_queryset, *, what: str = "", limit: int = 50) -> list[Change]:
    """The latest `limit` changes in a history queryset, newest first, each with the fields it
    changed (old → new) compared with the previous record of the SAME object (the queryset may
    hold several objects, e.g. all parties of an agreement). Constant number of queries."""
    records = list(history_queryset.select_related("history_user").order_by("history_date", "history_id"))
    previous: dict = {}
    for record in records:  # oldest first: remember each object's previous state
        record._older = previous.get(record.id)
        previous[record.id] = record
    deltas = []
    for record in reversed(records):
        if len(deltas) == limit:
            break
        names = []
        if record._older is not None and record.history_type == "~":
            names = [
                c.field for c in record.diff_against(record._older).changes if c.field not in HIDDEN_FIELDS
            ]
            if not names:
                continue  # a save that changed nothing shown here: no empty "changed" row (issue 14)
        deltas.append((record, names))
    lookup = _Names(deltas)
    result = []
    for record, names in deltas:
        user = record.history_user
        result.append(
            Change(
                when=record.history_date,
                who=(user.get_full_name() or user.get_username()) if user else str(_("the system")),
                what=what,
                action=str(ACTIONS[record.history_type]),
                fields=[
                    FieldChange(
                        label=str(record.instance_type._meta.get_field(name).verbose_name),
                        old=lookup.display(record._older, name),
                        new=lookup.display(record, name),
                    )
                    for name in names
                ],
            )
        )
    return result


def merged(*change_lists: list[Change], limit: int = 50) -> list[Change]:
    """Several objects' changes in one list, newest first."""
    return sorted((c for changes_ in change_lists for c in changes_), key=lambda c: c.when, reverse=True)[
        :limit
    ]


def of(obj: models.Model, *parts: tuple[type[models.Model], str], limit: int = 50) -> list[Change]:
    """The history of `obj` and of its parts in one list, newest first: each part is a model
    with django-simple-history and the name of its foreign key to `obj`, e.g.
    `of(memo, (MemoSection, "memo"))`; a part's changes say what they are (its verbose name)."""
    return merged(
        changes(obj.history.all(), limit=limit),
        *(
            changes(
                model.history.filter(**{f"{fk}_id": obj.pk}), what=str(model._meta.verbose_name), limit=limit
            )
            for model, fk in parts
        ),
        limit=limit,
    )
