"""Every page that shows a participant's personal data writes the access log: who, when, which
participant, which page, what action. Pages that show no one write nothing."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from audit.models import AccessLogEntry
from participants.models import Attendance, Participant
from participants.tests.factories import AgreementFactory, ParticipantFactory, PlacementFactory
from participants.tests.test_participant_pages import NEW

pytestmark = pytest.mark.django_db


def entries():
    return list(
        AccessLogEntry.objects.order_by("pk").values_list(
            "user__username", "participant_id", "action", "url_name", "path"
        )
    )


@pytest.fixture
def placement():
    return PlacementFactory(agreement=AgreementFactory(), start=date(2023, 3, 1))


def test_the_detail_page_logs_who_saw_whom_where_and_when(client, coordinator, placement):
    client.force_login(coordinator)
    before = timezone.now()
    url = reverse("participants:detail", args=[placement.participant.pk])
    assert client.get(url, {"tab": "x"}).status_code == 200
    entry = AccessLogEntry.objects.get()
    assert (entry.user, entry.participant, entry.action, entry.url_name, entry.path) == (
        coordinator,
        placement.participant,
        "view",
        "participants:detail",
        url,  # no query string
    )
    assert before <= entry.at <= timezone.now()


@pytest.mark.parametrize(
    ("name", "args", "action"),
    [
        ("participants:edit", "participant", "edit"),
        ("participants:assign", "participant", "view"),
        ("participants:placement_edit", "placement", "edit"),
        ("participants:placement_end", "placement", "view"),
        ("participants:note_create", "placement", "view"),
        ("participants:extract", "participant", "extract"),
        ("participants:extract_json", "participant", "export"),
    ],
)
def test_every_page_showing_one_person_logs_them(client, coordinator, placement, name, args, action):
    client.force_login(coordinator)
    obj = placement.participant if args == "participant" else placement
    url = reverse(name, args=[obj.pk])
    assert client.get(url).status_code == 200
    assert entries() == [("bob", placement.participant.pk, action, name, url)]


def test_the_list_logs_each_participant_shown_in_one_insert(client, coordinator):
    client.force_login(coordinator)
    people = [ParticipantFactory(last_name=f"Listsson{n}") for n in range(3)]
    ParticipantFactory(last_name="Annansson")
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("participants:list"), {"q": "Listsson"})
    inserts = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].startswith('INSERT INTO "audit_accesslogentry"')
    ]
    assert len(inserts) == 1
    assert sorted(entries()) == sorted(
        ("bob", p.pk, "list", "participants:list", "/participants/") for p in people
    )


def test_the_list_logs_only_the_page_shown(client, coordinator):
    client.force_login(coordinator)
    for n in range(55):
        ParticipantFactory(last_name=f"Sida{n:02d}")
    client.get(reverse("participants:list"), {"page": 2})
    assert AccessLogEntry.objects.count() == 5
    assert set(AccessLogEntry.objects.values_list("participant__last_name", flat=True)) == {
        f"Sida{n}" for n in range(50, 55)
    }


def test_the_agreement_participant_list_logs_each_person_once(client, coordinator):
    client.force_login(coordinator)
    agreement = AgreementFactory()
    twice = ParticipantFactory()
    PlacementFactory(
        agreement=agreement,
        participant=twice,
        start=date(2023, 1, 1),
        actual_end=date(2023, 3, 1),
        status="ended",
        end_reason="work",
    )
    PlacementFactory(agreement=agreement, participant=twice, start=date(2023, 6, 1))
    once = PlacementFactory(agreement=agreement, start=date(2023, 2, 1)).participant
    PlacementFactory(agreement=agreement, start=date(2024, 2, 1))  # not in 2023: not shown
    url = reverse("participants:agreement_participants", args=[agreement.pk])
    client.get(url, {"year": 2023})
    assert sorted(entries()) == sorted(
        [
            ("bob", twice.pk, "list", "participants:agreement_participants", url),
            ("bob", once.pk, "list", "participants:agreement_participants", url),
        ]
    )


def test_saving_changes_is_logged_as_a_change(client, coordinator):
    client.force_login(coordinator)
    person = ParticipantFactory(personnummer="198112189876")
    url = reverse("participants:edit", args=[person.pk])
    response = client.post(
        url, {**NEW, "personnummer": "19811218-9876", "district": "Berga", "seen_version": person.version}
    )
    assert response.status_code == 302
    assert entries() == [("bob", person.pk, "change", "participants:edit", url)]


def test_registering_someone_new_logs_nothing_until_their_page_is_shown(client, coordinator):
    client.force_login(coordinator)
    response = client.post(reverse("participants:create"), NEW)
    assert response.status_code == 302 and entries() == []
    client.get(response.url)
    assert entries() == [("bob", Participant.objects.get().pk, "view", "participants:detail", response.url)]


@pytest.mark.parametrize("role", ["official", "secretary", "partner_user"])
def test_refused_pages_log_nothing(client, request, role, placement):
    client.force_login(request.getfixturevalue(role))
    for url in [
        reverse("participants:list"),
        reverse("participants:detail", args=[placement.participant.pk]),
        reverse("participants:extract", args=[placement.participant.pk]),
    ]:
        assert client.get(url).status_code == 403
    if role != "partner_user":
        assert (
            client.get(placement.agreement.get_absolute_url(), {"year": 2023}).status_code == 200
        )  # figures only
    assert entries() == []


def test_a_missing_participant_logs_nothing(client, coordinator):
    client.force_login(coordinator)
    assert client.get(reverse("participants:detail", args=[999999])).status_code == 404
    assert entries() == []


def test_the_admin_pages_log_too(client, administrator, placement):
    administrator.is_staff = True
    administrator.save()
    client.force_login(administrator)
    person = placement.participant
    changelist = reverse("admin:participants_participant_changelist")
    change = reverse("admin:participants_participant_change", args=[person.pk])
    placements = reverse("admin:participants_placement_changelist")
    history = reverse("admin:participants_participant_history", args=[person.pk])
    Attendance.objects.create(placement=placement, date=date(2023, 3, 2), present=True)
    attendance = reverse("admin:participants_attendance_changelist")
    for url in (changelist, change, placements, history, attendance):
        assert client.get(url).status_code == 200, url
    assert entries() == [
        ("erik", person.pk, "list", "admin:participants_participant_changelist", changelist),
        ("erik", person.pk, "view", "admin:participants_participant_change", change),
        ("erik", person.pk, "list", "admin:participants_placement_changelist", placements),
        ("erik", person.pk, "view", "admin:participants_participant_history", history),
        ("erik", person.pk, "list", "admin:participants_attendance_changelist", attendance),
    ]


def test_the_admin_offers_no_autocomplete_of_participants(client, administrator):
    administrator.is_staff = True
    administrator.save()
    client.force_login(administrator)
    ParticipantFactory(last_name="Autosson")
    for app_label, model_name in [("participants", "placement"), ("audit", "accesslogentry")]:
        response = client.get(
            reverse("admin:autocomplete"),
            {"term": "Auto", "app_label": app_label, "model_name": model_name, "field_name": "participant"},
        )
        assert response.status_code == 200 and response.json()["results"] == []
    assert entries() == []
    changelist = client.get(reverse("admin:participants_participant_changelist"), {"q": "Auto"})
    assert "Autosson" in changelist.content.decode()  # the changelist still searches (and logs)
    assert len(entries()) == 1
