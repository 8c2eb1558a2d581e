"""Demo data for today (issue 12): so that the start pages, the reminders and the forecast show
something, the seed agreements are renewed up to the current year. Everything here is
FICTITIOUS and says so: each renewal's notes and case number, each follow-up's text, the
participants' names ("Påhittad", "Exempelsson").

Nothing of the seed data changes: renewals start after the seed agreements end (2024 and later),
so the 2022 overview and the forecast's 2023 column (3 595 000 kr) stay exactly as they are.
Relative to the day it is loaded (`today`):
- each seed line is renewed, period after period of the same length (`following_period`), until
  its latest agreement covers today; amounts carried into the new first year's prices as
  `partnerships.services.renew` does;
- exactly one line (IKF's) has an agreement ending within six months with no decided successor:
  the others get one more decided period when theirs would end that soon, and IKF's latest ends
  120 days from today when its natural end lies further off;
- follow-ups of last year: IKF's sent back with a reason, Hoppfull framtid's submitted, Bro-
  modellen's a draft (due, or overdue after the committee's deadline);
- three fictitious participants in Hoppfull framtid's running renewal: one starting in five days,
  one whose placement ends in ten days, one without a progress note for more than 60 days.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from participants.models import Gender, Participant, Placement, PlacementStatus, Progression, ProgressNote
from participants.personnummer import from_parts
from partnerships.models import Agreement, AgreementParty
from partnerships.periods import following_period
from reports.models import FollowUp

FICTITIOUS_NOTE = "FIKTIV förnyelse för demonstrationen – finns inte i nämndens underlag."
FICTITIOUS_CASE_NUMBER = "FIKTIV-DEMO"
SEED_LINE_ENDS = ["hoppfull", "bro", "vises", "sprak", "ikf2023"]
ENDING_LINE = "ikf2023"
ENDING_IN_DAYS = 120
SIX_MONTHS_DAYS = 183


def _renewal(previous: Agreement, start: date, end: date, responsible) -> Agreement:
    first_year = previous.yearly_amounts(start.year)
    agreement, _created = Agreement.objects.update_or_create(
        name=previous.name,
        valid_from=start,
        defaults={
            "committee": previous.committee,
            "valid_to": end,
            "purpose": previous.purpose,
            "target_group": previous.target_group,
            "level_from": previous.level_from,
            "level_to": previous.level_to,
            "capacity_amount": previous.capacity_amount,
            "capacity_unit": previous.capacity_unit,
            "value_per_year": first_year.value,
            "committee_cost_per_year": first_year.committee_cost,
            "price_level_year": start.year,
            "indexation_percent": previous.indexation_percent,
            "stage": Agreement.Stage.DECIDED,
            "predecessor": previous,
            "case_number": FICTITIOUS_CASE_NUMBER,
            "notes": FICTITIOUS_NOTE,
            "responsible": responsible,
        },
    )
    for party in previous.parties.all():
        AgreementParty.objects.update_or_create(
            agreement=agreement,
            partner=party.partner,
            defaults={
                "role": party.role,
                "order": party.order,
                "in_kind_contribution": party.in_kind_contribution,
            },
        )
    return agreement


def _renew_line(last: Agreement, today: date, responsible) -> list[Agreement]:
    line = []
    while last.valid_to < today:
        start, end = following_period(last.valid_from, last.valid_to)
        last = _renewal(last, start, end, responsible)
        line.append(last)
    return line


def _aware(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10, 0)))


def _follow_ups(latest: dict[str, Agreement], year: int, today: date) -> list[FollowUp]:
    def covering(key: str) -> Agreement | None:
        agreement = latest[key]
        while agreement is not None and not (agreement.valid_from.year <= year <= agreement.valid_to.year):
            agreement = agreement.predecessor
        return agreement

    made = []
    specs = {
        ENDING_LINE: {
            "summary": "FIKTIV återrapport för demonstrationen.",
            "returned_reason": "FIKTIVT exempel: ange hur många av deltagarna som gick vidare till arbete eller studier.",
            "returned_at": _aware(today - timedelta(days=3)),
        },
        "hoppfull": {
            "summary": "FIKTIV återrapport för demonstrationen.",
            "status": FollowUp.Status.SUBMITTED,
            "submitted_at": _aware(today - timedelta(days=2)),
        },
        "bro": {"summary": "FIKTIVT utkast för demonstrationen."},
    }
    for key, defaults in specs.items():
        agreement = covering(key)
        if agreement is not None:
            made.append(FollowUp.objects.get_or_create(agreement=agreement, year=year, defaults=defaults)[0])
    return made


def _participants(agreement: Agreement, today: date) -> list[Placement]:
    people = [
        # (first name, last name, gender, born, placement start, planned end, last note)
        ("Påhittad", "Exempelsson", Gender.MAN, date(1988, 4, 2), today + timedelta(days=5), None, None),
        (
            "Fiktiva",
            "Demodotter",
            Gender.WOMAN,
            date(1992, 9, 14),
            today - timedelta(days=90),
            today + timedelta(days=10),
            today - timedelta(days=7),
        ),
        ("Låtsas", "Provsson", Gender.MAN, date(1979, 1, 23), today - timedelta(days=150), None, None),
    ]
    placements = []
    for serial, (first, last, gender, born, start, planned_end, note_on) in enumerate(people, start=970):
        participant, _created = Participant.objects.get_or_create(
            personnummer=from_parts(born, serial),
            defaults={"first_name": first, "last_name": last, "gender": gender, "needs": "FIKTIV demoperson"},
        )
        if participant.is_anonymised:
            continue
        placement, _created = Placement.objects.get_or_create(
            participant=participant,
            agreement=agreement,
            defaults={
                "start": max(start, agreement.valid_from),
                "planned_end": planned_end if planned_end and planned_end <= agreement.valid_to else None,
                "status": PlacementStatus.ASSIGNED if start > today else PlacementStatus.ONGOING,
                "days_per_week": 3,
                "goals": "FIKTIVA mål för demonstrationen.",
            },
        )
        if note_on is not None:
            ProgressNote.objects.get_or_create(
                placement=placement,
                date=note_on,
                defaults={"progression": Progression.SOME_PROGRESS, "text": "FIKTIV anteckning."},
            )
        placements.append(placement)
    return placements


@transaction.atomic
def load(seed: dict[str, Agreement], *, today: date | None = None, responsible=None) -> dict:
    """Renewals, follow-ups and placements for `today` (see the module's docstring); idempotent
    for the same day."""
    today = today or timezone.localdate()
    for agreement in seed.values():
        if agreement.responsible_id is None and responsible is not None:
            Agreement.objects.filter(pk=agreement.pk).update(responsible=responsible)
    renewals, latest = [], {}
    for key in SEED_LINE_ENDS:
        line = _renew_line(seed[key], today, responsible)
        last = line[-1] if line else seed[key]
        if key != ENDING_LINE and last.valid_to <= today + timedelta(days=SIX_MONTHS_DAYS):
            start, end = following_period(last.valid_from, last.valid_to)
            line.append(_renewal(last, start, end, responsible))
            last = line[-1]
        renewals += line
        latest[key] = last
    ending = latest[ENDING_LINE]
    if ending.valid_to > today + timedelta(days=SIX_MONTHS_DAYS) and ending.pk != seed[ENDING_LINE].pk:
        Agreement.objects.filter(pk=ending.pk).update(valid_to=today + timedelta(days=ENDING_IN_DAYS))
        ending.refresh_from_db()
    running = latest["hoppfull"]
    while running.valid_from > today:
        running = running.predecessor
    return {
        "renewals": renewals,
        "follow_ups": _follow_ups(latest, today.year - 1, today),
        "placements": _participants(running, today),
    }
