"""The demo participants: the seed's 2021 figures, within every capacity, valid, idempotent."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from participants import demo, occupancy, personnummer
from participants.models import Participant, Placement, ProgressNote
from participants.statistics import yearly_figures

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(demo_participants):
    return demo_participants


def test_2021_figures_equal_the_seed_memo(loaded):
    figures = yearly_figures([loaded["sprak"], loaded["ikf2021"]], 2021)
    assert figures[loaded["sprak"].pk].enrolled == 40  # "40 inskrivna deltagare under 2021"
    assert (
        figures[loaded["ikf2021"].pk].enrolled == 54
    )  # "Under 2021 har verksamheten haft 54 inskrivna deltagare"
    assert figures[loaded["ikf2021"].pk].enrolled_by_gender["woman"] == 54


def test_every_year_stays_within_capacity_and_validity(loaded):
    for agreement in loaded.values():
        for year_occupancy in occupancy.occupancy_by_year(agreement):
            if year_occupancy.has_capacity:
                assert year_occupancy.used <= agreement.capacity_amount, (agreement.name, year_occupancy.year)
    for placement in Placement.objects.select_related("agreement"):
        assert (
            placement.agreement.valid_from
            <= placement.start
            <= placement.last_counted_day
            <= placement.agreement.valid_to
        )
        assert placement.actual_end is not None  # the seed agreements have all ended
        assert placement.participant_id  # and each belongs to someone
    assert Placement.objects.filter(agreement__in=loaded.values()).values(
        "agreement"
    ).distinct().count() == len(loaded)


def test_participants_are_fictitious_and_valid(loaded):
    people = list(Participant.objects.all())
    assert 140 <= len(people) <= 160
    for person in people:
        assert personnummer.parse(person.personnummer, today=date(2026, 1, 1)) == person.personnummer
        assert 980 <= int(person.personnummer[8:11]) <= 999
        assert person.last_name in demo.SURNAMES
    assert any(personnummer.is_coordination_number(p.personnummer) for p in people)
    assert ProgressNote.objects.count() > len(people)


def test_loading_twice_changes_nothing(loaded):
    counts = (Participant.objects.count(), Placement.objects.count(), ProgressNote.objects.count())
    history = (Participant.history.count(), Placement.history.count(), ProgressNote.history.count())
    with CaptureQueriesContext(connection) as queries:
        demo.load(loaded)
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []
    assert (Participant.objects.count(), Placement.objects.count(), ProgressNote.objects.count()) == counts
    assert (Participant.history.count(), Placement.history.count(), ProgressNote.history.count()) == history


def test_load_demo_command_loads_participants_and_stays_idempotent(db):
    from django.core.management import call_command

    call_command("load_demo", verbosity=0, stdout=open("/dev/null", "w"))
    first = (Participant.objects.count(), Placement.objects.count(), Placement.history.count())
    call_command("load_demo", verbosity=0, stdout=open("/dev/null", "w"))
    assert (Participant.objects.count(), Placement.objects.count(), Placement.history.count()) == first
    # the seed's 150, besides today's three fictitious participants (dashboard/demo.py)
    assert first[0] - Participant.objects.filter(needs="FIKTIV demoperson").count() == 150
