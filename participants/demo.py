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

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import transaction

from partnerships import demo as partnership_demo
from partnerships.models import Agreement, Level

from . import usage
from .models import (
    EndReason,
    Gender,
    Participant,
    Placement,
    PlacementOutcome,
    PlacementStatus,
    Progression,
    ProgressNote,
    Situation,
)
from .personnummer import from_parts

SEED = 20210101

WOMEN = [
    "Amina",
    "Fatima",
    "Sara",
    "Leila",
    "Hodan",
    "Maryam",
    "Nour",
    "Zahra",
    "Ayan",
    "Rukia",
    "Hawa",
    "Samira",
    "Layla",
    "Khadija",
    "Fadumo",
    "Ebla",
    "Mina",
    "Parisa",
    "Shirin",
    "Yasmin",
    "Asha",
    "Nasra",
    "Halima",
    "Dina",
    "Elin",
    "Anna",
    "Maria",
    "Tigist",
    "Selam",
    "Rahel",
]
MEN = [
    "Ahmed",
    "Omar",
    "Yusuf",
    "Mohammed",
    "Ali",
    "Hassan",
    "Abdi",
    "Karim",
    "Daniel",
    "Johan",
    "Erik",
    "Samuel",
    "Dawit",
    "Bilal",
    "Tariq",
    "Jonas",
]
SURNAMES = [
    "Demosson",
    "Exempeldotter",
    "Testberg",
    "Provsson",
    "Påhittad",
    "Fiktivsdotter",
    "Demolin",
    "Exempelsson",
    "Testlund",
    "Låtsasson",
    "Provdotter",
    "Demokvist",
]
DISTRICTS = ["Berga", "Ryd", "Skäggetorp", "Lambohov", "Johannelund", "Ekholmen", "Vasastaden", "Hjulsbro"]
NEEDS = ["SFI", "SFI, barnomsorg", "tolk", "", "", "SFI", "anpassade arbetsuppgifter", ""]
GOALS = [
    "Stärka svenska språket i vardagen.",
    "Komma närmare arbetsmarknaden genom arbetsträning.",
    "Bryta isolering och delta i gruppaktivitet varje vecka.",
    "Återgå till SFI efter föräldraledigheten.",
    "Öka självständigheten i arbetslika uppgifter.",
]
NOTES = {
    Progression.SETBACK: [
        "Har varit sjuk och missat flera tillfällen.",
        "Svårt att komma i väg på morgnarna.",
    ],
    Progression.UNCHANGED: ["Deltar som planerat.", "Kommer regelbundet, samma nivå som förut."],
    Progression.SOME_PROGRESS: ["Tar mer plats i gruppen.", "Förstår fler instruktioner på svenska."],
    Progression.CLEAR_PROGRESS: ["Klarar uppgifterna självständigt.", "Har börjat söka praktikplats."],
}
ENDS = [  # (reason, weight); broken off for ill health, moving away or own choice
    (EndReason.WORK, 15),
    (EndReason.STUDIES, 20),
    (EndReason.OTHER_ACTIVITY, 25),
    (EndReason.ILL_HEALTH, 10),
    (EndReason.MOVED, 5),
    (EndReason.OWN_CHOICE, 15),
    (EndReason.OTHER, 10),
]
INTERRUPTING = {EndReason.ILL_HEALTH, EndReason.MOVED, EndReason.OWN_CHOICE}
OUTCOME_SEED = 20240601
# Where people are months later, by where they went at the end (weights): invented, plausible.
AFTER_WORK_OR_STUDIES = [
    (Situation.WORK, 5),
    (Situation.STUDIES, 3),
    (Situation.JOB_SEEKING, 1),
    (Situation.UNKNOWN, 1),
]
AFTER_OTHER = [
    (Situation.WORK, 2),
    (Situation.STUDIES, 2),
    (Situation.OTHER_MEASURE, 4),
    (Situation.JOB_SEEKING, 3),
    (Situation.INCOME_SUPPORT, 3),
    (Situation.UNKNOWN, 2),
]


def draw_outcomes(people: list[Person]) -> None:
    """Each placement's `outcomes` ({months: situation}), from `OUTCOME_SEED` alone."""
    rng = random.Random(OUTCOME_SEED)
    for person in people:
        for spec in person.placements:
            table = (
                AFTER_WORK_OR_STUDIES
                if spec["end_reason"] in (EndReason.WORK, EndReason.STUDIES)
                else AFTER_OTHER
            )
            outcomes = {}
            for months in (6, 12):
                if rng.random() < 0.05:
                    continue  # not recorded
                outcomes[months] = rng.choices([s for s, _ in table], weights=[w for _, w in table])[0]
            spec["outcomes"] = outcomes


@dataclass
class Person:
    personnummer: str
    first_name: str
    last_name: str
    gender: str
    level: int | None
    district: str
    needs: str
    placements: list[dict] = field(default_factory=list)


class Plan:
    """The demo drawn from one seeded random generator, so it is the same on every machine."""

    def __init__(self, agreements: dict[str, Agreement]):
        self.rng = random.Random(SEED)
        self.agreements = agreements
        self.people: list[Person] = []
        self.numbers: set[str] = set()

    # --- people -------------------------------------------------------------------------
    def person(self, gender: str, level: int | None) -> Person:
        rng = self.rng
        while True:
            born = date(1960, 1, 1) + timedelta(days=rng.randrange(0, 40 * 365))
            serial = rng.randrange(980, 1000)
            if gender == Gender.WOMAN and serial % 2:
                serial -= 1  # women have an even third serial digit
            elif gender == Gender.MAN and not serial % 2:
                serial = serial + 1 if serial < 999 else serial - 1
            number = from_parts(born, serial, coordination=rng.random() < 0.1)
            if number not in self.numbers:
                break
        self.numbers.add(number)
        names = WOMEN if gender != Gender.MAN else MEN
        person = Person(
            personnummer=number,
            first_name=rng.choice(names),
            last_name=rng.choice(SURNAMES),
            gender=gender,
            level=level,
            district=rng.choice(DISTRICTS),
            needs=rng.choice(NEEDS),
        )
        self.people.append(person)
        return person

    def mixed_gender(self) -> str:
        draw = self.rng.random()
        if draw < 0.47:
            return Gender.WOMAN
        if draw < 0.94:
            return Gender.MAN
        return Gender.OTHER if draw < 0.97 else Gender.UNKNOWN

    # --- placements ---------------------------------------------------------------------
    def day_between(self, first: date, last: date) -> date:
        return first + timedelta(days=self.rng.randrange(0, (last - first).days + 1))

    def place(
        self,
        person: Person,
        key: str,
        start: date,
        min_days: int,
        max_days: int,
        latest_end: date | None = None,
    ):
        agreement = self.agreements[key]
        limit = min(latest_end or agreement.valid_to, agreement.valid_to)
        end = min(start + timedelta(days=self.rng.randrange(min_days, max_days + 1)), limit)
        reason = self.rng.choices([r for r, _ in ENDS], weights=[w for _, w in ENDS])[0]
        interrupted = reason in INTERRUPTING
        planned_end = (
            min(end + timedelta(days=self.rng.randrange(30, 120)), agreement.valid_to) if interrupted else end
        )
        notes = []
        for _ in range(self.rng.randrange(1, 4)):
            day = self.day_between(start, end)
            progression = self.rng.choices(list(Progression), weights=[1, 4, 4, 2])[0]
            notes.append(
                {"date": day, "progression": progression, "text": self.rng.choice(NOTES[progression])}
            )
        placement = {
            "key": key,
            "start": start,
            "planned_end": planned_end,
            "actual_end": end,
            "status": PlacementStatus.INTERRUPTED if interrupted else PlacementStatus.ENDED,
            "end_reason": reason,
            "days_per_week": self.rng.randrange(1, 5),
            "goals": self.rng.choice(GOALS),
            "notes": {note["date"]: note for note in notes},  # one note per day
        }
        person.placements.append(placement)
        return placement

    def build(self) -> list[Person]:
        d = date
        # Inkludering på lika villkor 2021–2022: 54 women enrolled in 2021 (docs/domain.md, follow-up memo) ...
        ikf = [self.person(Gender.WOMAN, Level.PREPARATORY) for _ in range(54)]
        for person in ikf:
            self.place(person, "ikf2021", self.day_between(d(2021, 1, 11), d(2021, 10, 29)), 60, 500)
        # ... and a few more who started in 2022, then the 2023–2024 agreement.
        late_ikf = [self.person(Gender.WOMAN, Level.PREPARATORY) for _ in range(8)]
        for person in late_ikf:
            self.place(person, "ikf2021", self.day_between(d(2022, 1, 10), d(2022, 9, 30)), 60, 300)
        for person in ikf[:27] + late_ikf:
            self.place(person, "ikf2023", self.day_between(d(2023, 1, 9), d(2023, 9, 29)), 90, 600)

        # Kompletterande språkträning: 40 enrolled in 2021 (docs/domain.md, follow-up memo), parents on parental leave.
        sprak = [
            self.person(Gender.WOMAN if self.rng.random() < 0.85 else Gender.MAN, None) for _ in range(40)
        ]
        for person in sprak:
            self.place(person, "sprak", self.day_between(d(2021, 1, 11), d(2021, 9, 1)), 120, 600)
        late_sprak = [
            self.person(Gender.WOMAN if self.rng.random() < 0.85 else Gender.MAN, None) for _ in range(14)
        ]
        for person in late_sprak:
            self.place(person, "sprak", self.day_between(d(2022, 1, 10), d(2023, 6, 30)), 90, 400)
        # Some of them in Språkvänner before (2020), some in Vi Ses! after.
        for person in sprak[:6]:
            self.place(
                person,
                "sprakvanner",
                self.day_between(d(2020, 3, 2), d(2020, 8, 31)),
                60,
                200,
                d(2020, 12, 31),
            )
        for person in sprak[6:26]:
            after = person.placements[0]["actual_end"] + timedelta(days=14)
            if after <= d(2023, 9, 30):
                self.place(
                    person, "vises", self.day_between(max(after, d(2022, 1, 10)), d(2023, 9, 30)), 60, 300
                )

        # Work-like activities: Hoppfull framtid (levels 2–3) and Bro-modellen (levels 1–3).
        workers = [self.person(self.mixed_gender(), self.rng.choice(list(Level))) for _ in range(34)]
        for person in workers:
            first = "bro" if person.level == Level.PREPARATORY or self.rng.random() < 0.3 else "hoppfull"
            placement = self.place(person, first, self.day_between(d(2021, 1, 11), d(2022, 6, 30)), 150, 600)
            after = placement["actual_end"] + timedelta(days=21)
            second = "hoppfull" if first == "bro" and person.level != Level.PREPARATORY else "bro"
            if after <= d(2023, 6, 30) and self.rng.random() < 0.6:
                self.place(person, second, self.day_between(after, d(2023, 6, 30)), 90, 400)
        for person in workers[:12]:
            self.place(person, "sprakvanner", self.day_between(d(2021, 2, 1), d(2021, 6, 30)), 60, 200)
        return self.people


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
