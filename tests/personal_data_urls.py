"""The URLs that can show a participant's personal data, read from the resolver, with the
objects to fill them in. Shared by the cache test (issue 8, item 8) and the admin access-log
walk (item 7), so a new such page is covered by both without a list to keep up to date."""

from __future__ import annotations

from datetime import date

from django.urls import URLPattern, URLResolver, get_resolver, reverse

from participants.models import Attendance, PlacementOutcome, ProgressNote
from participants.tests.factories import PlacementFactory

# The admin's models that hold personal data (participants app), by model name.
ADMIN_MODELS = ("participant", "placement", "progressnote", "attendance", "placementoutcome")


def url_names(patterns=None, namespace=None):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, [namespace, pattern.namespace])) or None
            yield from url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def admin_personal_data_url_names() -> list[str]:
    """Every admin page of a personal-data model, whatever Django or simple_history add."""
    prefixes = tuple(f"admin:participants_{model}_" for model in ADMIN_MODELS)
    return sorted(name for name in url_names() if name.startswith(prefixes))


def admin_objects(agreement) -> dict:
    """One participant with a placement, a note, an attendance day and an outcome after the
    activity, each with a history."""
    placement = PlacementFactory(agreement=agreement, start=date(2023, 2, 1))
    note = ProgressNote.objects.create(placement=placement, date=date(2023, 3, 1), progression=3, text="Bra.")
    day = Attendance.objects.create(placement=placement, date=date(2023, 3, 2), present=True)
    outcome = PlacementOutcome.objects.create(placement=placement, months=6, situation="work")
    return {
        "participant": placement.participant,
        "placement": placement,
        "progressnote": note,
        "attendance": day,
        "placementoutcome": outcome,
    }


def admin_url(name: str, objects: dict) -> tuple[str, int | None]:
    """The URL of admin page `name` for the objects, and the participant it shows (None: a page
    that shows nobody, such as an empty add form)."""
    model, _, page = name.removeprefix("admin:participants_").partition("_")
    obj = objects[model]
    participant = objects["participant"].pk
    if page == "changelist":
        return reverse(name), participant
    if page == "add":
        return reverse(name), None
    if page == "simple_history":
        return reverse(name, args=[obj.pk, obj.history.latest().history_id]), participant
    return reverse(name, kwargs={"object_id": obj.pk}), participant
