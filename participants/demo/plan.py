"""The demo drawn from seeded random generators: the people, their placements and notes
(`Plan`), and each placement's outcomes drawn afterwards (`draw_outcomes`)."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from partnerships.models import Agreement, Level

from ..models import EndReason, Gender, PlacementStatus, Progression
from ..personnummer import from_parts
from .words import (
    AFTER_OTHER,
    AFTER_WORK_OR_STUDIES,
    DISTRICTS,
    ENDS,
    GOALS,
    INTERRUPTING,
    MEN,
    NEEDS,
    NOTES,
    OUTCOME_SEED,
    SEED,
    SURNAMES,
    WOMEN,
)


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
