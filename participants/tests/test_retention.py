"""Gallring (`python manage.py gallra`, participants/retention.py): after RETENTION_MONTHS from a
person's last placement end their identifiers go, everywhere including the history, while the
yearly figures and occupancy stay exactly the same; never anyone with an open placement;
idempotent; the run is recorded; a dry run lists who would go, masked, and changes nothing."""

from datetime import date
from io import StringIO

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from audit.models import AccessLogEntry, RetentionRun
from audit.services import Page, log_access
from participants import demo, occupancy, retention
from participants.assignment import AssignmentRefused, assign
from participants.models import Attendance, Participant, Placement, ProgressNote
from participants.statistics import yearly_figures
from partnerships.models import Agreement

from .factories import AgreementFactory, ParticipantFactory, PlacementFactory
from .test_participant_pages import NEW, text

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("today", "months", "cutoff"),
    [
        (date(2029, 2, 28), 60, date(2024, 2, 28)),
        (date(2025, 3, 31), 1, date(2025, 2, 28)),
        (date(2024, 3, 31), 1, date(2024, 2, 29)),
        (date(2025, 1, 15), 13, date(2023, 12, 15)),
        (date(2025, 1, 15), 24, date(2023, 1, 15)),
    ],
)
def test_cutoff_counts_calendar_months(today, months, cutoff):
    assert retention.cutoff(today, months) == cutoff


def test_a_period_under_one_month_is_refused():
    with pytest.raises(ValueError):
        retention.cutoff(date(2025, 1, 1), 0)


def ended(participant, agreement, start, end):
    return PlacementFactory(
        participant=participant,
        agreement=agreement,
        start=start,
        actual_end=end,
        status="ended",
        end_reason="work",
    )


def test_who_is_due():
    agreement = AgreementFactory()
    due_on_the_day = ParticipantFactory(last_name="Slutade")
    ended(due_on_the_day, agreement, date(2023, 1, 1), date(2023, 3, 1))
    a_day_too_late = ParticipantFactory(last_name="Dagensenare")
    ended(a_day_too_late, agreement, date(2023, 1, 1), date(2023, 3, 2))
    last_counts = ParticipantFactory(last_name="Tvåanvisningar")
    ended(last_counts, agreement, date(2023, 1, 1), date(2023, 2, 1))
    ended(last_counts, AgreementFactory(), date(2023, 5, 1), date(2024, 6, 1))
    still_open = ParticipantFactory(last_name="Öppen")
    ended(still_open, agreement, date(2023, 1, 1), date(2023, 2, 1))
    PlacementFactory(
        participant=still_open,
        agreement=AgreementFactory(),
        start=date(2023, 3, 1),
        planned_end=date(2023, 4, 1),
    )
    never_placed = ParticipantFactory(last_name="Aldrigplacerad")
    Participant.objects.filter(pk=never_placed.pk).update(
        created_at=timezone.make_aware(timezone.datetime(2023, 2, 1))
    )
    ParticipantFactory(last_name="Nyregistrerad")

    due = retention.due(date(2025, 3, 1), 24)  # cutoff 2023-03-01
    assert {p.last_name: p.last_end for p in due} == {"Slutade": date(2023, 3, 1), "Aldrigplacerad": None}


@pytest.fixture
def demo_data(demo_participants):
    return demo_participants


def figures(agreements):
    return {year: yearly_figures(agreements, year) for year in range(2019, 2026)}


def occupancies(agreements):
    return {a.pk: occupancy.occupancy_by_year(a) for a in agreements}


TODAY = date(2025, 1, 1)
MONTHS = 24  # cutoff 2023-01-01: the demo's people whose last placement ended in 2020–2022 go


def test_figures_and_occupancy_are_the_same_before_and_after_on_the_demo(demo_data):
    agreements = list(Agreement.objects.order_by("pk"))
    # Someone the demo ended early gets an open placement: they must stay.
    kept = retention.due(TODAY, MONTHS).first()
    PlacementFactory(
        participant=kept, agreement=demo_data["ikf2023"], start=date(2023, 2, 1), status="ongoing"
    )
    before = (figures(agreements), occupancies(agreements))
    due = list(retention.due(TODAY, MONTHS).values_list("pk", flat=True))
    assert 40 <= len(due) <= 120 and kept.pk not in due  # a real split of the 150, not all or none

    run = retention.run(today=TODAY, months=MONTHS)

    assert (figures(agreements), occupancies(agreements)) == before
    assert figures(agreements)[2021][demo_data["sprak"].pk].enrolled == 40  # the seed memo's figures, still
    assert figures(agreements)[2021][demo_data["ikf2021"].pk].enrolled == 54
    assert sorted(run.participant_ids) == sorted(due) and run.participants == len(due)
    assert set(Participant.objects.anonymised().values_list("pk", flat=True)) == set(due)
    kept.refresh_from_db()
    assert not kept.is_anonymised and kept.personnummer


def test_identifiers_go_everywhere_and_the_rest_stays(client, coordinator):
    client.force_login(coordinator)
    client.post(
        reverse("participants:create"),
        {**NEW, "phone": "013-12 34 56", "email": "t@example.se", "address": "Storgatan 1"},
    )
    person = Participant.objects.get()
    client.post(
        reverse("participants:edit", args=[person.pk]),
        {**NEW, "last_name": "Nyttnamn", "district": "Berga", "seen_version": person.version},
    )
    placement = ended(person, AgreementFactory(), date(2023, 1, 1), date(2023, 3, 1))
    placement.goals = "Mål som säger vem"
    placement.save()
    note = ProgressNote.objects.create(
        placement=placement, date=date(2023, 2, 1), progression=3, text="Anteckning som säger vem"
    )
    day = Attendance.objects.create(placement=placement, date=date(2023, 2, 2), present=True)
    LogEntry.objects.log_actions(coordinator.pk, [person, day], CHANGE, change_message="[]")
    log_access(
        user=coordinator,
        participants=[person],
        page=Page("participants:detail", f"/participants/{person.pk}/"),
        action="view",
    )
    other = PlacementFactory(start=date(2023, 1, 1))  # someone with an open placement

    run = retention.run(today=date(2025, 4, 1), months=24)

    person.refresh_from_db()
    assert person.personnummer is None and person.anonymised_at is not None
    assert [getattr(person, f) for f in Participant.IDENTIFYING_TEXT_FIELDS] == [""] * 7
    assert (person.gender, person.level) == ("woman", 2)  # kept for the figures by gender
    placement.refresh_from_db()
    assert (
        placement.goals,
        placement.start,
        placement.actual_end,
        placement.status,
        placement.end_reason,
    ) == (
        "",
        date(2023, 1, 1),
        date(2023, 3, 1),
        "ended",
        "work",
    )
    note.refresh_from_db()
    assert (note.text, note.date, note.progression) == ("", date(2023, 2, 1), 3)
    # history: nothing of what went survives in any historical row
    for record in Participant.history.filter(id=person.pk):
        assert record.personnummer is None
        assert [getattr(record, f) for f in Participant.IDENTIFYING_TEXT_FIELDS] == [""] * 7
    assert not Participant.history.filter(last_name__in=["Exempelsson", "Nyttnamn"]).exists()
    assert not Participant.history.filter(personnummer="198112189876").exists()
    assert set(Placement.history.filter(id=placement.pk).values_list("goals", flat=True)) == {""}
    assert set(ProgressNote.history.filter(id=note.pk).values_list("text", flat=True)) == {""}
    assert Participant.history.filter(id=person.pk).latest().history_change_reason == "gallring"
    assert (
        LogEntry.objects.get(
            object_id=str(person.pk), content_type=ContentType.objects.get_for_model(Participant)
        ).object_repr
        == f"participant #{person.pk}"
    )
    assert (
        LogEntry.objects.get(
            object_id=str(day.pk), content_type=ContentType.objects.get_for_model(Attendance)
        ).object_repr
        == f"attendance #{day.pk}"
    )
    assert not LogEntry.objects.filter(object_repr__contains="Nyttnamn").exists()
    day.refresh_from_db()
    assert (day.date, day.present) == (date(2023, 2, 2), True)  # attendance stays: a day and present or not
    # the access log survives, pointing at the same (now anonymous) row
    assert list(AccessLogEntry.objects.values_list("participant_id", "action")) == [
        (person.pk, "view"),
        (person.pk, "change"),
    ]
    # the person with the open placement is untouched
    other.participant.refresh_from_db()
    assert other.participant.personnummer and not other.participant.is_anonymised
    assert (run.participants, run.placements, run.notes, run.admin_log_rows) == (1, 1, 1, 2)
    # rows that held something: the participant created and edited, the placement row with goals, the note
    assert run.history_rows == 2 + 1 + 1


def test_running_again_changes_nothing(demo_data):
    retention.run(today=TODAY, months=MONTHS)
    state = (
        list(
            Participant.objects.values_list("pk", "personnummer", "first_name", "anonymised_at").order_by(
                "pk"
            )
        ),
        Participant.history.count(),
        Placement.history.count(),
        ProgressNote.history.count(),
    )
    second = retention.run(today=TODAY, months=MONTHS)
    assert (second.participants, second.notes, second.history_rows, second.participant_ids) == (0, 0, 0, [])
    assert state == (
        list(
            Participant.objects.values_list("pk", "personnummer", "first_name", "anonymised_at").order_by(
                "pk"
            )
        ),
        Participant.history.count(),
        Placement.history.count(),
        ProgressNote.history.count(),
    )
    assert RetentionRun.objects.count() == 2


def test_loading_the_demo_again_does_not_bring_anyone_back(demo_data):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    run = retention.run(today=TODAY, months=MONTHS)
    counts = (
        Participant.objects.count(),
        Placement.objects.count(),
        ProgressNote.objects.count(),
        Participant.history.count(),
    )
    with CaptureQueriesContext(connection) as queries:
        demo.load(demo_data)
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == [] and run.participants > 0
    assert (
        Participant.objects.count(),
        Placement.objects.count(),
        ProgressNote.objects.count(),
        Participant.history.count(),
    ) == counts


def test_the_database_keeps_the_two_states_apart():
    person = ParticipantFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Participant.objects.filter(pk=person.pk).update(personnummer=None)  # no number but not anonymised
    with pytest.raises(IntegrityError), transaction.atomic():
        Participant.objects.filter(pk=person.pk).update(
            personnummer=None, anonymised_at=timezone.now()
        )  # a name left
    with pytest.raises(IntegrityError), transaction.atomic():
        Participant.objects.filter(pk=person.pk).update(anonymised_at=timezone.now())  # a number left
    with pytest.raises(IntegrityError), transaction.atomic():
        Participant.objects.filter(pk=person.pk).update(personnummer="1981121898")  # not twelve digits
    # two anonymised people: no number, no clash with the unique constraint
    for _ in range(2):
        retention_ready = ParticipantFactory()
        Participant.objects.filter(pk=retention_ready.pk).update(
            personnummer=None, anonymised_at=timezone.now(), **retention.CLEARED
        )
    assert Participant.objects.anonymised().count() == 2


def anonymised_person():
    placement = ended(
        ParticipantFactory(last_name="Gallrad"), AgreementFactory(), date(2023, 1, 1), date(2023, 3, 1)
    )
    retention.run(today=date(2026, 1, 1), months=12)
    placement.participant.refresh_from_db()
    return placement


def test_anonymised_people_leave_the_list_and_cannot_be_edited_or_assigned(client, coordinator):
    client.force_login(coordinator)
    placement = anonymised_person()
    person = placement.participant
    assert "Anonymiserad deltagare" not in text(client.get(reverse("participants:list")))
    detail = text(client.get(person.get_absolute_url()))
    assert (
        f"Anonymiserad deltagare nr {person.pk}" in detail and "togs bort enligt gallringsreglerna" in detail
    )
    assert reverse("participants:edit", args=[person.pk]) not in detail
    for url in (
        reverse("participants:edit", args=[person.pk]),
        reverse("participants:assign", args=[person.pk]),
        reverse("participants:note_create", args=[placement.pk]),
    ):
        assert client.get(url).status_code == 404, url
    with pytest.raises(AssignmentRefused):
        assign(
            participant=person,
            agreement=AgreementFactory(valid_from=date(2025, 1, 1), valid_to=date(2026, 12, 31)),
            start=date(2026, 2, 1),
            days_per_week=2,
            by=coordinator,
        )
    occupancy_page = text(
        client.get(
            reverse("participants:agreement_participants", args=[placement.agreement.pk]), {"year": 2023}
        )
    )
    assert f"Anonymiserad deltagare nr {person.pk}" in occupancy_page


def test_the_command_dry_run_lists_masked_and_changes_nothing(settings, demo_data):
    settings.RETENTION_MONTHS = 12  # today (the real clock) is after 2025-12-31: every demo person is due
    out = StringIO()
    call_command("gallra", "--dry-run", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[-1] == "Dry run: 150 participants would be anonymised. Nothing was changed."
    person = Participant.objects.order_by("pk").first()
    assert f"#{person.pk:<8} {person.personnummer[:8]}-****" in out.getvalue()
    assert person.personnummer[8:] not in "\n".join(line[20:] for line in lines[1:-1])
    assert person.last_name not in out.getvalue()
    assert not Participant.objects.anonymised().exists() and not RetentionRun.objects.exists()


def test_the_command_anonymises_and_records_the_run(settings, demo_data):
    settings.RETENTION_MONTHS = 12
    out = StringIO()
    call_command("gallra", stdout=out)
    run = RetentionRun.objects.get()
    assert (run.participants, run.retention_months) == (150, 12)
    assert "Anonymised 150 participants" in out.getvalue() and f"retention run {run.pk}" in out.getvalue()
    assert Participant.objects.identified().count() == 0
    call_command("gallra", stdout=StringIO())
    assert list(RetentionRun.objects.values_list("participants", flat=True)) == [0, 150]


def test_a_period_under_one_month_stops_the_command(settings):
    from django.core.management import CommandError

    settings.RETENTION_MONTHS = 0
    with pytest.raises(CommandError):
        call_command("gallra", stdout=StringIO())


def test_the_administrator_sees_the_runs(client, administrator):
    RetentionRun.objects.create(
        retention_months=60, cutoff=date(2020, 1, 1), participants=7, placements=9, notes=12, history_rows=40
    )
    client.force_login(administrator)
    page = text(client.get(reverse("audit:retention_runs")))
    row = page.split('id="retention-runs"')[1].split("</table>")[0]
    assert "2020-01-01" in row and '<td class="amount">7</td>' in row and '<td class="amount">40</td>' in row


def test_a_future_end_is_not_yet_due():
    agreement = AgreementFactory(valid_to=date(2026, 12, 31))
    PlacementFactory(
        agreement=agreement,
        start=date(2023, 1, 1),
        actual_end=date(2025, 3, 1),
        status="ended",
        end_reason="work",
    )
    assert not retention.due(date(2025, 1, 1), 1).exists()
    assert retention.due(date(2025, 4, 1), 1).exists()


def test_the_administrator_sees_who_is_due_masked_on_a_page(client, administrator, settings):
    """Issue 25: the dry run was a command only, in English. The page lists who is due today,
    masked, logs the view, and changes nothing."""
    settings.RETENTION_MONTHS = 12
    agreement = AgreementFactory(valid_from=date(2020, 1, 1), valid_to=date(2030, 12, 31))
    today = timezone.localdate()
    due = PlacementFactory(
        agreement=agreement,
        start=date(2020, 1, 1),
        actual_end=date(today.year - 2, 3, 1),
        status="ended",
        end_reason="work",
    ).participant
    ongoing = PlacementFactory(agreement=agreement, start=date(2020, 1, 1)).participant
    RetentionRun.objects.create(retention_months=12, cutoff=date(2020, 1, 1), participants=7)
    client.force_login(administrator)
    html = client.get(reverse("participants:retention_due")).content.decode()
    table = html.split('id="due"')[1].split("</table>")[0]
    assert f"#{due.pk}<" in table and due.personnummer_masked in table and f"{today.year - 2}-03-01" in table
    assert due.personnummer not in html and due.last_name not in html
    assert f"#{ongoing.pk}<" not in table
    assert "1 deltagare ska gallras i dag" in html and "7 deltagare anonymiserades" in html
    assert list(AccessLogEntry.objects.values_list("participant_id", flat=True)) == [due.pk]
    assert Participant.objects.get(pk=due.pk).personnummer == due.personnummer
