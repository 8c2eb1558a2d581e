"""Yearly figures per agreement for the follow-up memos: enrolled, started, ended by reason,
each by gender (participants.statistics.yearly_figures)."""

from datetime import date

import pytest

from participants.models import Gender, PlacementStatus
from participants.statistics import YearlyFigures, yearly_figures
from partnerships.models import Agreement

from .factories import AgreementFactory, ParticipantFactory, PlacementFactory

pytestmark = pytest.mark.django_db


def ended(agreement, person, start, end, reason, status=PlacementStatus.ENDED):
    return PlacementFactory(
        agreement=agreement, participant=person, start=start, actual_end=end, status=status, end_reason=reason
    )


def test_figures_for_one_year():
    agreement = AgreementFactory(valid_from=date(2022, 1, 1), valid_to=date(2024, 12, 31))
    anna, bo, cleo, dana = (
        ParticipantFactory(gender=Gender.WOMAN),
        ParticipantFactory(gender=Gender.MAN),
        ParticipantFactory(gender=Gender.OTHER),
        ParticipantFactory(gender=Gender.WOMAN),
    )
    ended(agreement, anna, date(2022, 5, 1), date(2023, 2, 28), "work")  # enrolled 2023, ended 2023
    ended(
        agreement, anna, date(2023, 9, 1), date(2023, 10, 31), "own_choice", PlacementStatus.INTERRUPTED
    )  # same person again
    PlacementFactory(
        agreement=agreement, participant=bo, start=date(2023, 3, 1)
    )  # open: counts to 2024-12-31
    PlacementFactory(
        agreement=agreement, participant=cleo, start=date(2022, 1, 1), planned_end=date(2022, 12, 31)
    )  # only 2022
    PlacementFactory(agreement=agreement, participant=dana, start=date(2024, 1, 1))  # only 2024
    other = AgreementFactory()
    PlacementFactory(agreement=other, participant=cleo, start=date(2023, 6, 1))

    figures = yearly_figures([agreement, other], 2023)
    mine = figures[agreement.pk]
    assert (mine.agreement_id, mine.year, mine.enrolled, mine.started, mine.ended) == (
        agreement.pk,
        2023,
        2,
        2,
        2,
    )
    assert mine.enrolled_by_gender == {"woman": 1, "man": 1, "other": 0, "unknown": 0}
    assert mine.started_by_gender == {"woman": 1, "man": 1, "other": 0, "unknown": 0}
    assert mine.ended_by_gender == {"woman": 2, "man": 0, "other": 0, "unknown": 0}
    assert mine.ended_by_reason == {
        "work": 1,
        "studies": 0,
        "other_activity": 0,
        "ill_health": 0,
        "moved": 0,
        "own_choice": 1,
        "other": 0,
    }
    assert mine.ended_by_reason_and_gender["own_choice"] == {"woman": 1, "man": 0, "other": 0, "unknown": 0}
    # days of 2023: Anna 59 + 61, Bo 306 (1 Mar – 31 Dec)
    assert mine.placement_days == 59 + 61 + 306
    assert figures[other.pk].enrolled_by_gender["other"] == 1 and figures[other.pk].enrolled == 1

    assert yearly_figures([agreement], 2022)[agreement.pk].enrolled_by_gender == {
        "woman": 1,
        "man": 0,
        "other": 1,
        "unknown": 0,
    }
    assert yearly_figures([agreement], 2024)[agreement.pk].enrolled == 2  # Bo still open, Dana


def test_agreements_without_participants_get_zeros_and_querysets_work():
    agreement = AgreementFactory()
    figures = yearly_figures(Agreement.objects.filter(pk=agreement.pk), 2023)
    assert figures == {agreement.pk: YearlyFigures(agreement_id=agreement.pk, year=2023)}
    assert figures[agreement.pk].enrolled == 0 and sum(figures[agreement.pk].ended_by_reason.values()) == 0
    assert yearly_figures([], 2023) == {}
