"""Issue 23: an agreement becomes decided only when every criterion is met, or with a recorded
deviation and its justification, which the decision memo states."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from conftest import form_data
from partnerships import services
from partnerships.deviation import refusal, unmet
from partnerships.guidelines import default_guideline
from reports.drafting.decision import draft_decision_memo

pytestmark = pytest.mark.django_db

GROUNDS = "Verksamheten når en grupp som ingen annan aktör når i kommunen."


@pytest.mark.parametrize(
    ("answers", "deviation", "refused"),
    [
        ([(1, True, "a"), (2, True, "b")], "", False),
        ([(1, True, "a"), (2, False, "b")], "", True),
        ([(1, True, "a"), (2, False, "b")], "   ", True),
        ([(1, True, "a"), (2, False, "b")], GROUNDS, False),
        ([(1, None, ""), (2, True, "b")], "", False),  # unanswered: the completeness rule's business
    ],
)
def test_the_rule(answers, deviation, refused):
    assert (refusal(answers=answers, deviation=deviation) is not None) is refused


def test_unmet_lists_the_numbers():
    assert unmet([(1, True, "a"), (5, False, "b"), (7, False, "c")]) == [5, 7]


@pytest.fixture
def draft(seed):
    default_guideline()
    return services.renew(agreement=seed["ikf2023"])


def test_a_criterion_not_met_cannot_be_decided_without_a_recorded_deviation(client, official, draft):
    client.force_login(official)
    url = reverse("partnerships:agreement_edit", args=[draft.pk])
    data = form_data(client.get(url))
    data["stage"] = "decided"
    data["criteria-fulfilled_5"] = "no"
    data["criteria-justification_5"] = "En liknande tjänst upphandlas."
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Kriterium 5 är inte uppfyllt" in response.content.decode()
    draft.refresh_from_db()
    assert draft.stage == "draft"
    data["deviation"] = GROUNDS
    assert client.post(url, data).status_code == 302
    draft.refresh_from_db()
    assert (draft.stage, draft.deviation) == ("decided", GROUNDS)
    assert draft.criteria.get(criterion=5).fulfilled is False


def test_the_decision_memo_states_the_deviation(draft):
    answer = draft.criteria.get(criterion=5)
    answer.fulfilled = False
    answer.save()
    memo = draft_decision_memo(agreement=draft, date=date(2024, 9, 27))
    text = "\n".join(section.body for section in memo.sections)
    assert "avvikelse" not in text  # no deviation recorded yet: nothing to state
    draft.deviation = GROUNDS
    draft.save()
    text = "\n".join(
        section.body for section in draft_decision_memo(agreement=draft, date=date(2024, 9, 27)).sections
    )
    assert (
        "Kriterium 5 i riktlinjen är inte uppfyllt (det inte finns en marknad eller en konkurrenssituation att "
        "vårda). Förvaltningen föreslår att nämnden beslutar om överenskommelsen med avvikelse från riktlinjen, "
        f"med följande motivering: {GROUNDS}"
    ) in text


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the constraint trigger is PostgreSQL's")
def test_the_database_refuses_a_decided_agreement_with_a_criterion_not_met_and_no_deviation(draft):
    answer = draft.criteria.get(criterion=5)
    answer.fulfilled = False
    answer.save()
    draft.stage = "decided"
    with pytest.raises(IntegrityError), transaction.atomic():
        draft.save()
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the trigger runs at commit otherwise
    draft.deviation = GROUNDS
    with transaction.atomic():
        draft.save()
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
