"""Demo participants: 150 fictitious people placed in the seed agreements across 2020–2024.

Everything here is invented and marked as such:
- the surnames are made-up words that say so (Demosson, Exempeldotter, Påhittad …);
- every personnummer is valid by its check digit but generated from a fixed random seed, with
  the serial numbers 980–999 only; about one in ten is a samordningsnummer (day + 60).
The 2021 figures equal the seed memo's (000, "Sammanfattning och återrapport 2021"):
40 enrolled in Kompletterande språkträning and 54 in Inkludering på lika villkor. Every
placement lies within its agreement and every year stays within the agreement's capacity
(Hoppfull framtid and Bro-modellen 40 full-year places, Kompletterande språkträning 48,
IKF 60 individuals per year); participants/tests/test_demo.py checks both. All placements
have ended, as the seed agreements have.

Outcomes 6 and 12 months after each placement (issue 24) are drawn afterwards from a generator of
their own (`OUTCOME_SEED`), so adding them changed none of the figures above: most follow the end
reason (work stays mostly work), some are unknown, and about one in twenty is not recorded.

`load()` is idempotent: it creates what is missing and saves only what differs, so running
it twice writes nothing (and adds no history), also after `gallra` has anonymised some of them.
"""

from __future__ import annotations

from django.db import transaction

from partnerships import demo as partnership_demo
from partnerships.models import Agreement

from .. import usage
from ..models import Participant, Placement, PlacementOutcome, ProgressNote
from .plan import Person, Plan, draw_outcomes  # noqa: F401
from .words import OUTCOME_SEED, SEED, SURNAMES  # noqa: F401


def _save(model, lookup: dict, values: dict, existing: dict):
    """Create the row, or save only the fields that differ (so a second run writes nothing)."""
    key = tuple(lookup.values())
    instance = existing.get(key)
    if instance is None:
        instance = model.objects.create(**lookup, **values)
        existing[key] = instance
        return instance
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    if changed:
        for name in changed:
            setattr(instance, name, values[name])
        instance.save(update_fields=changed)
    return instance


def seed_agreements() -> dict[str, Agreement]:
    """The seed agreements of partnerships/demo.py, keyed as there (loaded before this)."""
    return {
        spec["key"]: Agreement.objects.get(name=spec["name"], valid_from=spec["valid"][0])
        for spec in partnership_demo.AGREEMENTS
    }


@transaction.atomic
def load(agreements: dict[str, Agreement] | None = None) -> list[Participant]:
    """Create or update the demo participants, placements and notes; returns the participants."""
    agreements = agreements or seed_agreements()
    people = Plan(agreements).build()
    draw_outcomes(people)
    participants = {
        (p.personnummer,): p
        for p in Participant.objects.filter(personnummer__in=[p.personnummer for p in people])
    }
    placements = {
        (p.participant_id, p.agreement_id, p.start): p
        for p in Placement.objects.filter(participant__in=[p for p in participants.values()])
    }
    notes = {
        (n.placement_id, n.date): n
        for n in ProgressNote.objects.filter(placement__in=list(placements.values()))
    }
    outcomes = {
        (o.placement_id, o.months): o
        for o in PlacementOutcome.objects.filter(placement__in=list(placements.values()))
    }
    # People `gallra` anonymised have no number left to find them by; their placements remain, so
    # a person whose placements all belong to anonymised participants is not created again.
    gallrade = set(
        Placement.objects.filter(participant__anonymised_at__isnull=False).values_list(
            "agreement_id", "start", "actual_end"
        )
    )
    saved = []
    for person in people:
        if (
            (person.personnummer,) not in participants
            and person.placements
            and all(
                (agreements[spec["key"]].pk, spec["start"], spec["actual_end"]) in gallrade
                for spec in person.placements
            )
        ):
            continue
        participant = _save(
            Participant,
            {"personnummer": person.personnummer},
            {
                "first_name": person.first_name,
                "last_name": person.last_name,
                "gender": person.gender,
                "level": person.level,
                "district": person.district,
                "needs": person.needs,
            },
            participants,
        )
        saved.append(participant)
        for spec in person.placements:
            agreement = agreements[spec["key"]]
            placement = _save(
                Placement,
                {"participant_id": participant.pk, "agreement_id": agreement.pk, "start": spec["start"]},
                {
                    "planned_end": spec["planned_end"],
                    "actual_end": spec["actual_end"],
                    "status": spec["status"],
                    "end_reason": spec["end_reason"],
                    "days_per_week": spec["days_per_week"],
                    "goals": spec["goals"],
                },
                placements,
            )
            for day, note in spec["notes"].items():
                _save(
                    ProgressNote,
                    {"placement_id": placement.pk, "date": day},
                    {"progression": note["progression"], "text": note["text"]},
                    notes,
                )
            for months, situation in spec["outcomes"].items():
                _save(
                    PlacementOutcome,
                    {"placement_id": placement.pk, "months": months},
                    {"situation": situation},
                    outcomes,
                )
    usage.refresh(agreement.pk for agreement in agreements.values())  # written without `assign`
    return saved
