"""The history of access rights (issue 13), for systemförvaltare: who changed which user (active,
staff, superuser, roles), committee and partner memberships, committees and memo defaults,
when, and what, plus the account events (invitations, deactivations, second-factor resets).

Everything comes from django-simple-history (the users' roles through its m2m history of
`User.groups`) and accounts.SecurityEvent. Models of higher layers take part by calling
`track()` from their app's `ready()` (partnerships: Committee; reports: MemoDefaults), so this
module imports none of them. Each source costs a fixed number of queries, however many rows.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.history import ACTIONS, Change, FieldChange, merged

from .models import CommitteeMembership, PartnerMembership, SecurityEvent

HIDDEN = {"id", "version", "updated_at", "created_at", "date_joined"}
LIMIT = 300


@dataclass(frozen=True)
class Tracked:
    model: type[models.Model]
    related: tuple[str, ...] = ()  # foreign keys to read with the records (select_related)


TRACKED: list[Tracked] = [
    Tracked(CommitteeMembership, ("user", "committee")),
    Tracked(PartnerMembership, ("user", "partner")),
]


def track(model: type[models.Model], *related: str) -> None:
    """Show `model`'s history (it must have django-simple-history) on the page."""
    if all(entry.model is not model for entry in TRACKED):
        TRACKED.append(Tracked(model, related))


def store_last_login(sender, user, **kwargs) -> None:
    """Django's `update_last_login` without `save()`: a login is no change of rights."""
    user.last_login = timezone.now()
    type(user)._default_manager.filter(pk=user.pk).update(last_login=user.last_login)


def _who(record) -> str:
    user = record.history_user
    return (user.get_full_name() or user.get_username()) if user else _("the system")


def _display(record, field: models.Field) -> str:
    value = getattr(record, field.attname)
    if value in (None, ""):
        return "–"
    if isinstance(field, models.BooleanField):
        return _("yes") if value else _("no")
    if field.is_relation:
        related = getattr(record, field.name, None)
        return str(related) if related is not None else f"#{value}"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    return str(value)


# Labels of their own where the model's would mislead ("active" is also an agreement's status).
LABELS = {"is_active": gettext_lazy("account active (can log in)")}


def _label(field: models.Field) -> str:
    return str(LABELS.get(field.name, field.verbose_name))


def _fields(model: type[models.Model]) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields if f.name not in HIDDEN and f.name not in {"password"}]


def _changes(tracked: Tracked, extra=None) -> list[Change]:
    """The newest LIMIT changes of one model, each compared with the same object's previous record."""
    model = tracked.model
    history = model.history.model
    shown = [f for f in _fields(model) if f.name in {h.name for h in history._meta.fields}]
    records = list(
        history.objects.select_related("history_user", *tracked.related).order_by(
            "history_date", "history_id"
        )
    )
    extras = extra(records) if extra else {}
    bursts = _continued(records)
    previous: dict = {}
    result = []
    for record in records:
        if record.history_id in bursts:
            continue  # one save in several steps (the admin: the user, then its roles): shown as one
        older = previous.get(record.id)
        previous[record.id] = record
        fields = []
        if older is not None and record.history_type == "~":
            fields = [
                FieldChange(_label(f), _display(older, f), _display(record, f))
                for f in shown
                if getattr(older, f.attname) != getattr(record, f.attname)
            ]
            for label, values in extras.items():
                old, new = values.get(older.history_id, ""), values.get(record.history_id, "")
                if old != new:
                    fields.append(FieldChange(label, old or "–", new or "–"))
            if not fields:
                continue  # saved without a change that matters here
        elif record.history_type == "+":
            for label, values in extras.items():
                if values.get(record.history_id):
                    fields.append(FieldChange(label, "–", values[record.history_id]))
        what = f"{model._meta.verbose_name}: {_describe(record, tracked)}"
        result.append(
            Change(record.history_date, _who(record), what, str(ACTIONS[record.history_type]), fields)
        )
    return result[::-1][:LIMIT]


BURST_SECONDS = 5


def _continued(records) -> set:
    """The records that the same user's next change of the same object follows within
    BURST_SECONDS: steps of one save (Django's admin saves a user, then clears and sets its
    groups, each a history record), shown as the last step's change."""
    following: dict = {}
    continued = set()
    for record in reversed(records):
        later = following.get(record.id)
        if (
            later is not None
            and record.history_type == later.history_type == "~"
            and record.history_user_id == later.history_user_id
            and (later.history_date - record.history_date).total_seconds() < BURST_SECONDS
        ):
            continued.add(record.history_id)
        following[record.id] = record
    return continued


def _describe(record, tracked: Tracked) -> str:
    """What the record is about, from what was read with it (no query per record)."""
    if tracked.related:
        return " – ".join(str(getattr(record, name, None) or "–") for name in tracked.related)
    if tracked.model is User:
        return record.username
    return str(record.instance)


def _roles(records) -> dict[str, dict]:
    """The roles (groups) each history record of a user held: one query for all of them."""
    through = User.history.model.groups.model
    names: dict = {}
    rows = through.objects.filter(history__in=[r.history_id for r in records]).select_related("group")
    for row in rows.order_by("group__name"):
        names.setdefault(row.history_id, []).append(row.group.name)
    return {_("Roles"): {key: ", ".join(value) for key, value in names.items()}}


def _events() -> list[Change]:
    events = SecurityEvent.objects.select_related("by", "subject")[:LIMIT]
    return [
        Change(
            event.at,
            (event.by.get_full_name() or event.by.get_username()) if event.by else _("the system"),
            f"{_('user')}: {event.subject.get_username() if event.subject else '–'}",
            event.get_kind_display(),
            [FieldChange(_("detail"), "", event.detail)] if event.detail else [],
        )
        for event in events
    ]


def access_history() -> list[Change]:
    """The newest LIMIT changes of access rights, newest first."""
    return merged(
        _changes(Tracked(User), extra=_roles),
        *(_changes(tracked) for tracked in TRACKED),
        _events(),
        limit=LIMIT,
    )
