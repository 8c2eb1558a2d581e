"""Who changed what and when, from django-simple-history, ready for a detail page."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.utils.translation import gettext_lazy as _

ACTIONS = {"+": _("created"), "~": _("changed"), "-": _("deleted")}


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


def _display(record, name: str) -> str:
    model_field = record.instance_type._meta.get_field(name)
    value = getattr(record, model_field.attname)
    if value in (None, ""):
        return "–"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    return str(value)


def changes(history_queryset, *, what: str = "", limit: int = 50) -> list[Change]:
    """The latest `limit` changes of one object's history, newest first, each with the fields
    it changed (old → new). One query, whatever the number of changes."""
    records = list(history_queryset.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    result = []
    for newer, older in zip(records, records[1:] + [None]):
        if len(result) == limit:
            break
        fields = []
        if older is not None and newer.history_type == "~":
            delta = newer.diff_against(older)
            fields = [
                FieldChange(
                    label=str(newer.instance_type._meta.get_field(c.field).verbose_name),
                    old=_display(older, c.field),
                    new=_display(newer, c.field),
                )
                for c in delta.changes
            ]
        user = newer.history_user
        result.append(
            Change(
                when=newer.history_date,
                who=(user.get_full_name() or user.get_username()) if user else str(_("the system")),
                what=what,
                action=str(ACTIONS[newer.history_type]),
                fields=fields,
            )
        )
    return result


def merged(*change_lists: list[Change], limit: int = 50) -> list[Change]:
    """Several objects' changes in one list, newest first."""
    return sorted((c for changes_ in change_lists for c in changes_), key=lambda c: c.when, reverse=True)[:limit]
