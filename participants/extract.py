"""Registerutdrag: everything the register holds about one participant (GDPR article 15).

The participant's own data, every placement with its progress notes and attendance, every
history record of the participant, of their placements and of those placements' notes and
attendance (django-simple-history), and every access-log entry about them. `build` gathers it
in a constant number of queries; the HTML page and the JSON download render the same `Extract`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit.models import AccessLogEntry
from core.history import ACTIONS

from .models import Attendance, Participant, Placement, PlacementOutcome, ProgressNote

PARTICIPANT_FIELDS = [
    "personnummer",
    "first_name",
    "last_name",
    "gender",
    "level",
    "district",
    "needs",
    "phone",
    "email",
    "address",
    "created_at",
    "updated_at",
    "anonymised_at",
]
PLACEMENT_FIELDS = [
    "agreement",
    "start",
    "planned_end",
    "actual_end",
    "days_per_week",
    "status",
    "end_reason",
    "goals",
    "assigned_by",
    "created_at",
]
NOTE_FIELDS = ["date", "progression", "text", "author", "created_at"]
ATTENDANCE_FIELDS = ["date", "present", "recorded_by", "recorded_at"]
OUTCOME_FIELDS = ["months", "situation", "recorded_by", "recorded_at"]
PARTICIPANT_HISTORY_FIELDS = [name for name in PARTICIPANT_FIELDS if name != "updated_at"]  # not tracked


@dataclass(frozen=True)
class Value:
    name: str
    label: str
    raw: Any
    display: str


@dataclass(frozen=True)
class HistoryRecord:
    when: datetime
    who: str
    action: str
    what: str
    history_type: str
    values: list[Value] = field(default_factory=list)  # every tracked field, as stored then
    changed: list[tuple[str, str, str]] = field(default_factory=list)  # (label, old, new)


@dataclass(frozen=True)
class Extract:
    participant: Participant
    generated_at: datetime
    placements: list[Placement]
    history: list[HistoryRecord]
    access_log: list[AccessLogEntry]
    names: dict = field(default_factory=dict)  # (model, id) -> name, for foreign keys

    def fields(self) -> list[Value]:
        return _values(self.participant, Participant, PARTICIPANT_FIELDS, self.names)

    def placement_fields(self, placement: Placement) -> list[Value]:
        return _values(placement, Placement, PLACEMENT_FIELDS, self.names)

    def note_fields(self, note: ProgressNote) -> list[Value]:
        return _values(note, ProgressNote, NOTE_FIELDS, self.names)

    def attendance_fields(self, day: Attendance) -> list[Value]:
        return _values(day, Attendance, ATTENDANCE_FIELDS, self.names)

    def outcome_fields(self, outcome: PlacementOutcome) -> list[Value]:
        return _values(outcome, PlacementOutcome, OUTCOME_FIELDS, self.names)

    def outcome_rows(self, placement: Placement) -> list[list[Value]]:
        """The outcomes 6 and 12 months after the placement (issue 24)."""
        return [self.outcome_fields(outcome) for outcome in placement.outcomes.all()]

    @property
    def placement_rows(self) -> list[tuple]:
        """For the page: each placement with its fields, its notes' fields, its attendance and
        its outcomes after the activity."""
        return [
            (
                placement,
                self.placement_fields(placement),
                [self.note_fields(note) for note in placement.notes.all()],
                [self.attendance_fields(day) for day in placement.attendance.all()],
                self.outcome_rows(placement),
            )
            for placement in self.placements
        ]


def _user_name(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


def _display(model, name: str, raw: Any, names: dict) -> str:
    model_field = model._meta.get_field(name)
    if raw in (None, ""):
        return "–"
    if model_field.is_relation:
        return names.get((model_field.related_model, raw), f"#{raw}")
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(raw, raw))
    if isinstance(raw, bool):
        return _("yes") if raw else _("no")
    if isinstance(raw, datetime):
        return f"{timezone.localtime(raw):%Y-%m-%d %H:%M}"
    if hasattr(raw, "isoformat"):
        return raw.isoformat()
    return str(raw)


# Timestamps Django names only by their attribute ("created at").
TIMESTAMP_LABELS = {"created_at": gettext_lazy("registered"), "updated_at": gettext_lazy("last changed")}


def _values(obj, model, names_of_fields: list[str], names: dict) -> list[Value]:
    values = []
    for name in names_of_fields:
        model_field = model._meta.get_field(name)
        raw = getattr(obj, model_field.attname)
        label = TIMESTAMP_LABELS.get(name, model_field.verbose_name)
        values.append(Value(name, str(label), raw, _display(model, name, raw, names)))
    return values


def _history(records, model, field_names: list[str], what, names: dict) -> list[HistoryRecord]:
    """Records of one model, each with its full stored values and what changed since the
    previous record of the same object (records must come oldest first)."""
    previous: dict[int, list[Value]] = {}
    result = []
    for record in records:
        values = _values(record, model, field_names, names)
        before = previous.get(record.id)
        changed = []
        if before is not None and record.history_type == "~":
            changed = [
                (new.label, old.display, new.display)
                for old, new in zip(before, values, strict=True)
                if old.raw != new.raw
            ]
        previous[record.id] = values
        result.append(
            HistoryRecord(
                when=record.history_date,
                who=_user_name(record.history_user) or _("the system"),
                action=str(ACTIONS[record.history_type]),
                what=what(record),
                history_type=record.history_type,
                values=values,
                changed=changed,
            )
        )
    return result


def build(participant: Participant) -> Extract:
    """Everything held about `participant`, in thirteen queries whatever its size."""
    notes = ProgressNote.objects.select_related("author").order_by("date", "pk")
    attendance = Attendance.objects.select_related("recorded_by").order_by("date", "pk")
    outcomes = PlacementOutcome.objects.select_related("recorded_by").order_by("months", "pk")
    placements = list(
        Placement.objects.filter(participant=participant)
        .select_related("agreement", "assigned_by")
        .prefetch_related(
            Prefetch("notes", queryset=notes),
            Prefetch("attendance", queryset=attendance),
            Prefetch("outcomes", queryset=outcomes),
        )
        .order_by("start", "pk")
    )
    placement_history = list(
        Placement.history.filter(participant_id=participant.pk)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    placement_ids = {p.pk for p in placements} | {r.id for r in placement_history}
    participant_history = list(
        Participant.history.filter(id=participant.pk)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    note_history = list(
        ProgressNote.history.filter(placement_id__in=placement_ids)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    attendance_history = list(
        Attendance.history.filter(placement_id__in=placement_ids)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    outcome_history = list(
        PlacementOutcome.history.filter(placement_id__in=placement_ids)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )

    # Names for the foreign keys the history rows hold as ids: agreements, users, placements.
    from partnerships.models import Agreement

    User = get_user_model()
    agreement_ids = {r.agreement_id for r in placement_history} | {p.agreement_id for p in placements}
    user_ids = (
        {r.assigned_by_id for r in placement_history}
        | {r.author_id for r in note_history}
        | {r.recorded_by_id for r in attendance_history}
        | {r.recorded_by_id for r in outcome_history}
    )
    names: dict = {(Agreement, a.pk): a.name for a in Agreement.objects.filter(pk__in=agreement_ids)}
    names |= {(User, u.pk): _user_name(u) for u in User.objects.filter(pk__in=user_ids - {None})}
    for placement in placements:  # already loaded with select_related / prefetch_related
        names[(Agreement, placement.agreement_id)] = placement.agreement.name
        if placement.assigned_by:
            names[(User, placement.assigned_by_id)] = _user_name(placement.assigned_by)
        for note in placement.notes.all():
            if note.author:
                names[(User, note.author_id)] = _user_name(note.author)
        for day in placement.attendance.all():
            if day.recorded_by:
                names[(User, day.recorded_by_id)] = _user_name(day.recorded_by)
        for outcome in placement.outcomes.all():
            if outcome.recorded_by:
                names[(User, outcome.recorded_by_id)] = _user_name(outcome.recorded_by)
    names |= {(Participant, participant.pk): participant.full_name}
    placement_label = {
        r.id: f"{names.get((Agreement, r.agreement_id), '')} {r.start:%Y-%m-%d}" for r in placement_history
    }
    names |= {(Placement, pk): label for pk, label in placement_label.items()}

    history = [
        *_history(
            participant_history, Participant, PARTICIPANT_HISTORY_FIELDS, lambda r: _("Participant"), names
        ),
        *_history(
            placement_history,
            Placement,
            PLACEMENT_FIELDS,
            lambda r: _("Placement %(placement)s") % {"placement": placement_label.get(r.id, f"#{r.id}")},
            names,
        ),
        *_history(
            note_history,
            ProgressNote,
            NOTE_FIELDS,
            lambda r: (
                _("Note on %(placement)s")
                % {"placement": placement_label.get(r.placement_id, f"#{r.placement_id}")}
            ),
            names,
        ),
        *_history(
            attendance_history,
            Attendance,
            ATTENDANCE_FIELDS,
            lambda r: (
                _("Attendance in %(placement)s")
                % {"placement": placement_label.get(r.placement_id, f"#{r.placement_id}")}
            ),
            names,
        ),
        *_history(
            outcome_history,
            PlacementOutcome,
            OUTCOME_FIELDS,
            lambda r: (
                _("Outcome after %(placement)s")
                % {"placement": placement_label.get(r.placement_id, f"#{r.placement_id}")}
            ),
            names,
        ),
    ]
    history.sort(key=lambda record: record.when)
    access_log = list(
        AccessLogEntry.objects.filter(participant=participant).select_related("user").order_by("at", "pk")
    )
    return Extract(participant, timezone.now(), placements, history, access_log, names)


def _json_value(value: Value) -> Any:
    raw = value.raw
    if isinstance(raw, datetime):
        return raw.isoformat()
    if hasattr(raw, "isoformat"):
        return raw.isoformat()
    return raw


def as_json(extract: Extract) -> dict:
    """The extract as plain JSON data: stored values, with labels and names beside ids."""
    participant = extract.participant

    def fields(values: list[Value]) -> dict:
        return {v.name: {"label": v.label, "value": _json_value(v), "display": v.display} for v in values}

    return {
        "generated_at": extract.generated_at.isoformat(),
        "participant": {"id": participant.pk, **fields(extract.fields())},
        "placements": [
            {
                "id": placement.pk,
                **fields(extract.placement_fields(placement)),
                "notes": [
                    {"id": note.pk, **fields(extract.note_fields(note))} for note in placement.notes.all()
                ],
                "attendance": [
                    {"id": day.pk, **fields(extract.attendance_fields(day))}
                    for day in placement.attendance.all()
                ],
                "outcomes": [
                    {"id": outcome.pk, **fields(extract.outcome_fields(outcome))}
                    for outcome in placement.outcomes.all()
                ],
            }
            for placement in extract.placements
        ],
        "history": [
            {
                "date": record.when.isoformat(),
                "user": record.who,
                "action": record.action,
                "object": record.what,
                "values": {v.name: _json_value(v) for v in record.values},
                "changed": [{"field": label, "old": old, "new": new} for label, old, new in record.changed],
            }
            for record in extract.history
        ],
        "access_log": [
            {
                "date": entry.at.isoformat(),
                "user": _user_name(entry.user),
                "action": entry.get_action_display(),
                "page": entry.url_name,
                "path": entry.path,
            }
            for entry in extract.access_log
        ],
    }
