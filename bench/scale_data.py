"""Synthetic data at scale for the benchmarks (`python manage.py generate_scale_data`).

The big tables (participants, placements, the access log) are written with PostgreSQL's COPY
(`bench/bulk_insert.py`; `bulk_create` on SQLite), the rest with `bulk_create` in a few
thousand-row batches, and the database is analysed at the end, as autovacuum would soon after. The data is fictitious and deterministic (a seeded random generator), shaped like the
registry's: several committees, partners shared between agreements, agreements in lines of
two-year periods (each the predecessor of the next), follow-ups for the years that ended, memos
with sections, and access-log rows from the coordinators' list views.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from accounts import roles
from audit.models import AccessLogEntry, Action
from bench.bulk_insert import analyze, insert_rows, insert_with_ids
from participants import usage
from participants.models import Gender, Participant, Placement
from participants.personnummer import from_parts
from partnerships.models import Agreement, AgreementParty, Committee, Partner, PartnerContact
from reports.models import FollowUp, Memo, MemoSection

STOCKHOLM = ZoneInfo("Europe/Stockholm")
BATCH = 2000
FIRST_YEAR = 2019
PERIOD_YEARS = 2
COMMITTEES = [
    ("Bench arbetsmarknadsnämnd", "BAN", "Bench arbetsmarknadsförvaltning"),
    ("Bench socialnämnd", "BSN", "Bench socialförvaltning"),
    ("Bench bildningsnämnd", "BBN", "Bench utbildningsförvaltning"),
    ("Bench kultur- och fritidsnämnd", "BKF", "Bench kultur- och fritidsförvaltning"),
]
PURPOSES = ["arbetslik aktivitet", "språkträning", "social gemenskap", "stöd till föräldrar"]
DISTRICTS = ["Berga", "Ryd", "Skäggetorp", "Lambohov", "Johannelund", "Tornby"]
FIRST_NAMES = ["Amina", "Omar", "Sara", "Ali", "Elin", "Hassan", "Maja", "Yusuf", "Noor", "Erik"]
LAST_NAMES = ["Ahmed", "Andersson", "Hussein", "Karlsson", "Mohammed", "Nilsson", "Ali", "Larsson"]
BENCH_PASSWORD = "bench-password-2026"  # a throwaway database's users, never a real one
BENCH_USERS = {
    "bench-handlaggare": roles.OFFICIAL,
    "bench-koordinator": roles.COORDINATOR,
    "bench-sekreterare": roles.SECRETARY,
    "bench-admin": roles.ADMINISTRATOR,
}


@dataclass
class Counts:
    agreements: int = 0
    participants: int = 0
    placements: int = 0
    follow_ups: int = 0
    memos: int = 0
    access_log: int = 0


def bench_users() -> dict[str, object]:
    """One user per municipal role (created once; the password is set once, it costs a hash),
    a member of every committee."""
    users = {}
    for username, role in BENCH_USERS.items():
        user, created = get_user_model().objects.get_or_create(
            username=username, defaults={"first_name": "Bench", "last_name": role}
        )
        if created:
            user.set_password(BENCH_PASSWORD)
            user.save(update_fields=["password"])
            user.groups.add(Group.objects.get(name=role))
        users[username] = user
    # Municipal staff see their committees' agreements only (issue 13): the bench's users work
    # for every committee the scale data has, so each page shows all its rows.
    from accounts.models import CommitteeMembership
    from partnerships.models import Committee

    CommitteeMembership.objects.bulk_create(
        [
            CommitteeMembership(user=user, committee=committee)
            for user in users.values()
            for committee in Committee.objects.all()
        ],
        ignore_conflicts=True,
    )
    return users


def periods(today: date) -> list[tuple[date, date]]:
    """Two-year validity periods from FIRST_YEAR up to the one covering next year."""
    result, year = [], FIRST_YEAR
    while year <= today.year + 1:
        result.append((date(year, 1, 1), date(year + PERIOD_YEARS - 1, 12, 31)))
        year += PERIOD_YEARS
    return result


def committee_for(committees: list[Committee], line: int) -> Committee:
    """Most lines belong to the first three committees; one in twenty to the fourth, which then
    has a memo-sized number of agreements (about 50 of 1,000)."""
    return committees[3] if line % 20 == 3 else committees[line % 3]


def make_agreements(count: int, rng: random.Random, today: date, start_number: int) -> list[Agreement]:
    committees = [
        Committee.objects.get_or_create(abbreviation=abbr, defaults={"name": name, "administration": adm})[0]
        for name, abbr, adm in COMMITTEES
    ]
    partner_count = max(4, count // 4)
    Partner.objects.bulk_create(
        [
            Partner(name=f"Bench förening {n}", kind=Partner.Kind.ASSOCIATION)
            for n in range(start_number, start_number + partner_count)
        ],
        batch_size=BATCH,
        ignore_conflicts=True,
    )
    partners = list(Partner.objects.filter(name__startswith="Bench förening").values_list("pk", flat=True))
    # One contact each (issue 26: a partner's contacts are rows of their own).
    with_contact = set(
        PartnerContact.objects.filter(partner_id__in=partners).values_list("partner_id", flat=True)
    )
    PartnerContact.objects.bulk_create(
        [PartnerContact(partner_id=pk, name=f"Kontakt {pk}") for pk in partners if pk not in with_contact],
        batch_size=BATCH,
    )
    spans = periods(today)
    # A registry that grew: most agreements run now (the overview's year), a fifth are their
    # lines' earlier periods (predecessors), a twentieth the next period's drafts.
    current = next(i for i, (start, end) in enumerate(spans) if start <= today <= end)
    earlier, drafts = spans[:current], count // 20 if current + 1 < len(spans) else 0
    history = count // 5 if earlier else 0
    per_period = {i: history // len(earlier) + (i < history % len(earlier)) for i in range(len(earlier))}
    per_period[current] = count - history - drafts
    if drafts:
        per_period[current + 1] = drafts
    made: list[Agreement] = []
    # One period at a time, so each agreement's predecessor (the same line's previous period)
    # already has its primary key.
    previous: dict[int, Agreement] = {}
    for index, (start, end) in enumerate(spans):
        batch = []
        for line in range(per_period.get(index, 0)):
            value = Decimal(rng.randrange(200_000, 2_500_000, 100))
            batch.append(
                Agreement(
                    name=f"Bench aktivitet {start_number + line}",
                    committee=committee_for(committees, line),
                    purpose=f"{PURPOSES[line % len(PURPOSES)]} ({rng.randrange(5, 60)} helårsplatser)",
                    target_group="individer som står långt från arbetsmarknaden",
                    level_from=1 if line % 2 else None,
                    level_to=3 if line % 2 else None,
                    capacity_amount=Decimal(rng.randrange(5, 60)) if line % 3 else None,
                    capacity_unit=Agreement.CapacityUnit.FULL_YEAR_PLACES if line % 3 else "",
                    value_per_year=value,
                    committee_cost_per_year=(value * Decimal("0.55")).quantize(Decimal(1)),
                    price_level_year=start.year,
                    indexation_percent=Decimal("2.00"),
                    valid_from=start,
                    valid_to=end,
                    stage=Agreement.Stage.DRAFT if start > today else Agreement.Stage.DECIDED,
                    case_number=f"BEN {start.year}-{line:04d}",
                    decision_date=start - timedelta(days=90) if start <= today else None,
                    predecessor=previous.get(line),
                )
            )
        created = Agreement.objects.bulk_create(batch, batch_size=BATCH)
        previous.update(enumerate(created))
        made.extend(created)
    parties = []
    for index, agreement in enumerate(made):
        first = partners[index % len(partners)]
        parties.append(AgreementParty(agreement=agreement, partner_id=first, order=0))
        if index % 3 == 0:
            second = partners[(index * 7 + 1) % len(partners)]
            if second != first:
                parties.append(
                    AgreementParty(
                        agreement=agreement,
                        partner_id=second,
                        role=AgreementParty.Role.CO_PARTNER,
                        order=1,
                    )
                )
    AgreementParty.objects.bulk_create(parties, batch_size=BATCH)
    return made


PARTICIPANT_COLUMNS = ("personnummer", "first_name", "last_name", "gender", "district", "level", "needs")


def make_participants(count: int, rng: random.Random, start_number: int) -> list[int]:
    """Participants with distinct personnummer (birth dates 1960–2003, then the serial number);
    returns their primary keys in order."""
    first_day = date(1960, 1, 1)
    days = 16_000  # birth dates 1960–2003
    genders = [Gender.WOMAN, Gender.MAN, Gender.WOMAN, Gender.UNKNOWN]
    rows = [
        (
            from_parts(first_day + timedelta(days=n % days), 1 + (n // days) % 999),
            FIRST_NAMES[n % len(FIRST_NAMES)],
            f"{LAST_NAMES[n % len(LAST_NAMES)]} {n}",
            genders[n % 4],
            DISTRICTS[n % len(DISTRICTS)],
            rng.choice([None, 1, 2, 3]),
            "SFI" if n % 4 == 0 else "",
        )
        for n in range(start_number, start_number + count)
    ]
    return insert_with_ids(Participant, PARTICIPANT_COLUMNS, rows)


PLACEMENT_COLUMNS = (
    "participant_id",
    "agreement_id",
    "start",
    "planned_end",
    "actual_end",
    "days_per_week",
    "status",
    "end_reason",
    "goals",
    "assigned_by_id",
)


def placement_rows(
    count: int, agreements: list[Agreement], participants: list[int], rng: random.Random, today: date, by
) -> Iterator[tuple]:
    """Placements inside their agreement's validity; those in a current agreement may be open
    (one open placement per participant and agreement), the others ended."""
    open_pairs = set()
    for n in range(count):
        agreement = agreements[(n * 7919) % len(agreements)]
        participant = participants[n % len(participants)]
        last = min(agreement.valid_to, today)
        if last < agreement.valid_from:
            agreement = agreement.predecessor or agreements[0]
            last = min(agreement.valid_to, today)
        span = (last - agreement.valid_from).days
        start = agreement.valid_from + timedelta(days=rng.randrange(max(1, span)))
        current = agreement.valid_from <= today <= agreement.valid_to
        if current and n % 3 and (participant, agreement.pk) not in open_pairs:
            open_pairs.add((participant, agreement.pk))
            status, actual_end, reason = Placement.Status.ONGOING, None, ""
        else:
            status = Placement.Status.ENDED
            actual_end = min(last, start + timedelta(days=rng.randrange(30, 300)))
            reason = Placement.EndReason.values[n % len(Placement.EndReason.values)]
        yield (
            participant,
            agreement.pk,
            start,
            min(start + timedelta(days=180), agreement.valid_to),
            actual_end,
            1 + n % 4,
            str(status),
            str(reason),
            "Svenska i vardagen; arbetsträning",
            by.pk,
        )


def make_placements(
    count: int, agreements: list[Agreement], participants: list[int], rng: random.Random, today: date, by
) -> int:
    return insert_rows(
        Placement, PLACEMENT_COLUMNS, placement_rows(count, agreements, participants, rng, today, by)
    )


def make_follow_ups(agreements: list[Agreement], today: date, users: dict) -> int:
    """A follow-up for every year an agreement ran that has ended: mostly approved, some
    submitted, some drafts."""
    official, secretary = users["bench-handlaggare"], users["bench-sekreterare"]
    batch = []
    for index, agreement in enumerate(agreements):
        for year in range(agreement.valid_from.year, min(agreement.valid_to.year, today.year - 1) + 1):
            submitted = datetime(year + 1, 2, 15, 10, tzinfo=STOCKHOLM)
            approved = datetime(year + 1, 3, 1, 10, tzinfo=STOCKHOLM)
            state = ["approved", "approved", "approved", "submitted", "draft"][(index + year) % 5]
            batch.append(
                FollowUp(
                    agreement=agreement,
                    year=year,
                    delivery_mode=FollowUp.DeliveryMode.MIXED,
                    summary=f"Verksamheten har bedrivits enligt plan under {year}. " * 4,
                    challenges="Lokalfrågan och rekrytering av deltagare.",
                    results="Flera deltagare har gått vidare till studier eller arbete.",
                    status=state,
                    submitted_by=official if state != "draft" else None,
                    submitted_at=submitted if state != "draft" else None,
                    approved_by=secretary if state == "approved" else None,
                    approved_at=approved if state == "approved" else None,
                )
            )
    FollowUp.objects.bulk_create(batch, batch_size=BATCH)
    return len(batch)


def make_memos(count: int, agreements: list[Agreement], today: date, by) -> int:
    memos = Memo.objects.bulk_create(
        [
            Memo(
                kind=Memo.Kind.FOLLOW_UP if n % 2 else Memo.Kind.NEW_AGREEMENT,
                title=f"Bench tjänsteskrivelse {n}",
                date=today - timedelta(days=n % 1500),
                case_number=f"BEN {2020 + n % 6}-{n:04d}",
                committee_id=agreements[n % len(agreements)].committee_id,
                agreement=agreements[n % len(agreements)] if n % 2 == 0 else None,
                report_year=2020 + n % 6 if n % 2 else None,
                decision_points=["Att godkänna uppföljningen.", "Att lägga informationen till handlingarna."],
                basis=["Tjänsteskrivelse"],
                administration="Bench arbetsmarknadsförvaltning",
                signer="Bench Chef",
                created_by=by,
            )
            for n in range(count)
        ],
        batch_size=BATCH,
    )
    MemoSection.objects.bulk_create(
        [
            MemoSection(memo=memo, order=order, heading=heading, body="Text om ärendet. " * 20)
            for memo in memos
            for order, heading in enumerate(
                ["Sammanfattning", "Ärendebeskrivning", "Ekonomiska konsekvenser"]
            )
        ],
        batch_size=BATCH,
    )
    return len(memos)


ACCESS_LOG_COLUMNS = ("at", "user_id", "participant_id", "action", "url_name", "path")


def make_access_log(count: int, participants: list[int], users: dict) -> int:
    """Access-log rows as the coordinators' list pages write them: 50 participants a view."""
    coordinator = users["bench-koordinator"].pk
    start = datetime(2024, 1, 1, 8, tzinfo=STOCKHOLM)
    listed = (str(Action.LIST), "participants:participant_list", "/participants/")
    viewed = (str(Action.VIEW), "participants:detail", "/participants/")
    people = len(participants)
    rows = (
        (
            start + timedelta(minutes=n // 50),
            coordinator,
            participants[n % people],
            *(listed if n % 10 else viewed),
        )
        for n in range(count)
    )
    return insert_rows(AccessLogEntry, ACCESS_LOG_COLUMNS, rows)


def generate(**options) -> Counts:
    """Add the given numbers of rows (`_generate`'s arguments) on top of what exists, in one
    transaction, then ANALYZE the database (`bulk_insert.analyze` says why)."""
    with transaction.atomic():
        counts = _generate(**options)
        usage.rebuild()  # the placements went in with COPY, past `assign`
    analyze()
    return counts


def _generate(
    *,
    agreements: int,
    participants: int,
    placements: int,
    follow_ups: bool = True,
    memos: int | None = None,
    access_log: int | None = None,
    seed: int = 2026,
    today: date | None = None,
) -> Counts:
    """Returns what was made."""
    rng = random.Random(seed)
    today = today or date.today()
    users = bench_users()
    start = Agreement.objects.filter(name__startswith="Bench aktivitet").count() * 10
    made = make_agreements(agreements, rng, today, start)
    people = make_participants(participants, rng, Participant.objects.count()) if participants else []
    counts = Counts(agreements=len(made), participants=len(people))
    if people and made and placements:
        counts.placements = make_placements(placements, made, people, rng, today, users["bench-koordinator"])
    if follow_ups:
        counts.follow_ups = make_follow_ups(made, today, users)
    counts.memos = make_memos(agreements if memos is None else memos, made, today, users["bench-handlaggare"])
    if people:
        counts.access_log = make_access_log(placements if access_log is None else access_log, people, users)
    return counts
