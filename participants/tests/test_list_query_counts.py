"""Lists run a constant number of queries, whatever the number of rows."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from participants import statistics
from participants.models import ProgressNote
from partnerships.models import Level

from .factories import AgreementFactory, ParticipantFactory, PlacementFactory

pytestmark = pytest.mark.django_db


def count_queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(queries)


def add_placed_participants(agreement, n):
    for _ in range(n):
        placement = PlacementFactory(
            agreement=agreement, start=date(2023, 2, 1), planned_end=date(2023, 11, 30)
        )
        ProgressNote.objects.create(placement=placement, date=date(2023, 3, 1), progression=3, text="Bra")


def test_participant_list(client, coordinator):
    client.force_login(coordinator)
    agreement = AgreementFactory()
    url = reverse("participants:list")
    filtered = {"agreement": agreement.pk, "status": "ongoing", "q": "Testsson"}
    add_placed_participants(agreement, 3)
    few, few_filtered = count_queries(client, url), count_queries(client, url, filtered)
    add_placed_participants(agreement, 12)
    assert (count_queries(client, url), count_queries(client, url, filtered)) == (few, few_filtered)


def test_agreement_participant_list(client, coordinator):
    client.force_login(coordinator)
    agreement = AgreementFactory()
    url = reverse("participants:agreement_participants", args=[agreement.pk])
    add_placed_participants(agreement, 3)
    few = count_queries(client, url, {"year": 2023})
    add_placed_participants(agreement, 12)
    assert count_queries(client, url, {"year": 2023}) == few


@pytest.mark.parametrize("role", ["official", "coordinator"])
def test_agreement_page_with_its_figures(client, request, role):
    client.force_login(request.getfixturevalue(role))
    agreement = AgreementFactory()
    add_placed_participants(agreement, 3)
    few = count_queries(client, agreement.get_absolute_url(), {"year": 2023})
    add_placed_participants(agreement, 12)
    assert count_queries(client, agreement.get_absolute_url(), {"year": 2023}) == few


def test_participant_detail(client, coordinator):
    client.force_login(coordinator)
    person = ParticipantFactory()
    url = person.get_absolute_url()
    PlacementFactory(participant=person, start=date(2023, 2, 1))
    few = count_queries(client, url)
    for _ in range(4):
        placement = PlacementFactory(participant=person, start=date(2023, 2, 1))
        for day in (3, 4):
            ProgressNote.objects.create(
                placement=placement, date=date(2023, day, 1), progression=2, text="Ok", author=coordinator
            )
    assert count_queries(client, url) == few


def test_assignment_options(client, coordinator):
    client.force_login(coordinator)
    person = ParticipantFactory(level=Level.PREPARATORY)
    url = reverse("participants:assign", args=[person.pk])
    for _ in range(2):
        add_placed_participants(AgreementFactory(), 2)
    few = count_queries(client, url, {"start": "2023-03-01"})
    for _ in range(5):
        add_placed_participants(
            AgreementFactory(capacity_amount=Decimal("60"), capacity_unit="individuals"), 3
        )
    assert count_queries(client, url, {"start": "2023-03-01"}) == few


def test_yearly_figures_are_three_queries_for_any_number_of_agreements(django_assert_num_queries):
    """The stamps and the year's rows of the per-year usage (participants/usage.py), and the
    outcomes after the activity (issue 24)."""
    agreements = [AgreementFactory() for _ in range(2)]
    for agreement in agreements:
        add_placed_participants(agreement, 2)
    with django_assert_num_queries(3):
        statistics.yearly_figures(agreements, 2023)
    agreements += [AgreementFactory() for _ in range(4)]
    for agreement in agreements[2:]:
        add_placed_participants(agreement, 3)
    with django_assert_num_queries(3):
        statistics.yearly_figures(agreements, 2023)


def test_the_agreement_filter_is_a_text_field_whatever_the_number_of_agreements(client, coordinator):
    """No <option> per agreement (1,000 of them made the page 120 ms, issue 10): the page, its
    queries and its options are the same for 2 agreements as for 40."""
    from django.utils import timezone

    today = timezone.localdate()
    url = reverse("participants:list")
    client.force_login(coordinator)

    def measure():
        with CaptureQueriesContext(connection) as queries:
            html = client.get(url).content.decode()
        return len(queries), html.count("<option"), len(html)

    current = {"valid_from": date(today.year, 1, 1), "valid_to": date(today.year, 12, 31)}
    AgreementFactory.create_batch(2, **current)
    few = measure()
    AgreementFactory.create_batch(38, **current)
    assert measure() == few
    assert few[1] < 20  # the status and level choices only


def test_the_agreement_filter_finds_by_part_of_the_name_or_by_number(client, coordinator):
    vi_ses, other = AgreementFactory(name="Vi Ses! 2024"), AgreementFactory(name="Språkvänner")
    placed = PlacementFactory(agreement=vi_ses, participant__last_name="Seddesson").participant
    elsewhere = PlacementFactory(agreement=other, participant__last_name="Annansson").participant
    client.force_login(coordinator)
    url = reverse("participants:list")
    for value in ("vi ses", "Ses!", str(vi_ses.pk)):
        shown = set(client.get(url, {"agreement": value}).context["page"].object_list)
        assert placed in shown and elsewhere not in shown, value
    assert not client.get(url, {"agreement": "no such agreement"}).context["page"].object_list


def test_an_agreement_number_past_the_largest_id_finds_nothing_and_is_no_500(client, coordinator):
    """The text filter once sent '99999999999999999999' to the database as an id (a 500 on
    PostgreSQL's bigint and SQLite's integer); a number no id can have names no agreement."""
    PlacementFactory()
    client.force_login(coordinator)
    response = client.get(reverse("participants:list"), {"agreement": "9" * 20})
    assert response.status_code == 200
    assert not response.context["page"].object_list
