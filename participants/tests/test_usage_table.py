"""The per-year usage the placements keep (participants/usage.py, issue 22) equals what the
placements give when counted (`live_yearly_figures`, `live_usage_by_agreement`), after every
kind of write: assign, change, end, an admin's deletion, a changed gender, a changed agreement
end, and `manage.py rebuild_usage`."""

from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from participants import occupancy, statistics, usage
from participants.assignment import assign, change_placement, end_placement
from participants.models import AgreementYearUsage, Gender, Placement, UsageStamp

from .factories import AgreementFactory, ParticipantFactory, PlacementFactory

pytestmark = pytest.mark.django_db
YEARS = (2022, 2023, 2024, 2025)


def assert_equal_to_the_placements(*agreements):
    """Every year, both readers: the table's figures are the counted ones."""
    for year in YEARS:
        assert statistics.yearly_figures(list(agreements), year) == statistics.live_yearly_figures(
            list(agreements), year
        )
        kept = occupancy.usage_by_agreement(agreements, year)
        counted = occupancy.live_usage_by_agreement(agreements, year)
        assert {pk: (o.placement_days, o.individuals) for pk, o in kept.items()} == {
            pk: (o.placement_days, o.individuals) for pk, o in counted.items()
        }


@pytest.mark.parametrize(
    "start, planned_end, actual_end, valid_to, expected",
    [
        # (year, days, individuals, started, ended) for each year with a row
        (date(2023, 7, 1), None, date(2023, 12, 31), date(2024, 12, 31), [(2023, 184, 1, 1, 1)]),
        # open, no planned end: to the agreement's end
        (date(2023, 7, 1), None, None, date(2024, 6, 30), [(2023, 184, 1, 1, 0), (2024, 182, 1, 0, 0)]),
        (date(2023, 7, 1), date(2023, 7, 31), None, date(2024, 12, 31), [(2023, 31, 1, 1, 0)]),
    ],
)
def test_compute_is_the_occupancy_rule(start, planned_end, actual_end, valid_to, expected):
    reason = "work" if actual_end else ""
    rows = usage.compute(1, valid_to, [(7, Gender.WOMAN, start, planned_end, actual_end, reason)])
    assert [
        (r.year, r.placement_days, r.individuals, r.started, sum(r.ended_by_reason.values())) for r in rows
    ] == expected
    assert {r.gender for r in rows} == {Gender.WOMAN}


def test_one_person_twice_in_a_year_is_one_individual():
    rows = usage.compute(
        1,
        date(2024, 12, 31),
        [
            (7, Gender.MAN, date(2023, 1, 1), None, date(2023, 1, 31), "work"),
            (7, Gender.MAN, date(2023, 3, 1), None, date(2023, 3, 31), "studies"),
        ],
    )
    assert [(r.year, r.individuals, r.placement_days, r.ended_by_reason) for r in rows] == [
        (2023, 1, 62, {"work": 1, "studies": 1})
    ]


def test_every_placement_service_keeps_the_table(coordinator):
    agreement = AgreementFactory(valid_from=date(2023, 1, 1), valid_to=date(2024, 12, 31))
    anna, bo = ParticipantFactory(gender=Gender.WOMAN), ParticipantFactory(gender=Gender.MAN)
    first = assign(
        participant=anna, agreement=agreement, start=date(2023, 2, 1), days_per_week=2, by=coordinator
    )
    assign(participant=bo, agreement=agreement, start=date(2023, 7, 1), days_per_week=2, by=coordinator)
    assert_equal_to_the_placements(agreement)
    assert statistics.yearly_figures([agreement], 2024)[agreement.pk].enrolled == 2
    change_placement(placement=first, planned_end=date(2023, 12, 31), days_per_week=2, goals="")
    assert_equal_to_the_placements(agreement)
    assert statistics.yearly_figures([agreement], 2024)[agreement.pk].enrolled == 1
    end_placement(placement=first, end=date(2023, 5, 31), reason="work")
    assert_equal_to_the_placements(agreement)
    figures = statistics.yearly_figures([agreement], 2023)[agreement.pk]
    assert (figures.enrolled, figures.ended, figures.placement_days) == (2, 1, 120 + 184)


def test_a_changed_agreement_end_is_read_at_once():
    """An open placement counts to the agreement's end: partnerships moves it without knowing
    of the table, and the next read computes the agreement again (its stamp is out of date)."""
    agreement = AgreementFactory(valid_from=date(2023, 1, 1), valid_to=date(2024, 6, 30))
    PlacementFactory(agreement=agreement, start=date(2024, 1, 1))
    assert statistics.yearly_figures([agreement], 2024)[agreement.pk].placement_days == 182
    agreement.valid_to = date(2025, 12, 31)
    agreement.save()
    assert statistics.yearly_figures([agreement], 2024)[agreement.pk].placement_days == 366
    assert statistics.yearly_figures([agreement.pk], 2025)[agreement.pk].enrolled == 1
    assert_equal_to_the_placements(agreement)


def test_a_changed_gender_through_the_participant_page(client, coordinator):
    client.force_login(coordinator)
    agreement = AgreementFactory()
    person = ParticipantFactory(gender=Gender.WOMAN)
    PlacementFactory(agreement=agreement, participant=person, start=date(2023, 2, 1))
    assert statistics.yearly_figures([agreement], 2023)[agreement.pk].enrolled_by_gender[Gender.WOMAN] == 1
    response = client.get(f"/participants/{person.pk}/edit/")
    data = {k: v for k, v in response.context["form"].initial.items() if v is not None}
    data.update(gender=Gender.MAN, personnummer=person.personnummer, seen_version=person.version)
    assert client.post(f"/participants/{person.pk}/edit/", data).status_code == 302
    figures = statistics.yearly_figures([agreement], 2023)[agreement.pk]
    assert (figures.enrolled_by_gender[Gender.WOMAN], figures.enrolled_by_gender[Gender.MAN]) == (0, 1)
    assert_equal_to_the_placements(agreement)


def test_rebuild_usage_makes_the_table_again():
    agreement, other = AgreementFactory(), AgreementFactory()
    for start in (date(2023, 1, 1), date(2023, 6, 1), date(2024, 3, 1)):
        PlacementFactory(agreement=agreement, start=start)
    PlacementFactory(agreement=other, start=date(2024, 1, 1), planned_end=date(2024, 2, 29))
    Placement.objects.filter(agreement=agreement).update(planned_end=date(2024, 9, 30))  # past `assign`
    call_command("rebuild_usage", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert UsageStamp.objects.filter(agreement__in=[agreement, other]).count() == 2
    assert_equal_to_the_placements(agreement, other)
    AgreementYearUsage.objects.all().delete()
    UsageStamp.objects.all().delete()  # as after a bulk load: the first read computes them
    assert_equal_to_the_placements(agreement, other)


def test_reading_many_agreements_costs_the_same_queries():
    agreements = [AgreementFactory() for _ in range(2)]
    for agreement in agreements:
        PlacementFactory(agreement=agreement, start=date(2023, 3, 1))
    statistics.yearly_figures(agreements, 2023)  # stamps made

    def queries(many):
        with CaptureQueriesContext(connection) as captured:
            statistics.yearly_figures(many, 2023)
            occupancy.usage_by_agreement(many, 2023)
        return len(captured)

    few = queries(agreements)
    more = agreements + [AgreementFactory() for _ in range(5)]
    for agreement in more[2:]:
        for month in (2, 5, 8):
            PlacementFactory(agreement=agreement, start=date(2023, month, 1))
    statistics.yearly_figures(more, 2023)
    assert queries(more) == few == 5  # 2 + 2 for the usage, 1 for the outcomes after the activity (issue 24)
