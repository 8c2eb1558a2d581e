"""A participant's timeline: placements started and ended, and progress notes, newest first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .models import Placement, ProgressNote


@dataclass(frozen=True)
class Event:
    day: date
    kind: str  # "start", "end" or "note"
    placement: Placement
    note: ProgressNote | None = None


def build(placements: list[Placement]) -> list[Event]:
    """Events of `placements` (with their notes prefetched), newest first; on the same day an
    end comes before a note, which comes before a start (so reading down goes back in time)."""
    order = {"end": 0, "note": 1, "start": 2}
    events: list[Event] = []
    for placement in placements:
        events.append(Event(placement.start, "start", placement))
        if placement.actual_end:
            events.append(Event(placement.actual_end, "end", placement))
        events += [Event(note.date, "note", placement, note) for note in placement.notes.all()]
    return sorted(
        events, key=lambda event: (-event.day.toordinal(), order[event.kind], -(event.placement.pk or 0))
    )
