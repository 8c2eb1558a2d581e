"""The memo's "Kommunala mål" written from the goals the agreements are linked to (issue 24):
the follow-up memo's sentence is the follow-up memo's (docs/domain.md) word for word, the decision memo names the council's
goal areas of the IKF decision memo (docs/domain.md); an agreement with no goal linked keeps the fixed sentence."""

from __future__ import annotations

import pytest

from partnerships.models import AgreementGoal, Goal, GoalArea
from reports import drafting
from reports.demo import IKF_DECISION

pytestmark = pytest.mark.django_db

LINK = "[Länk till kommunfullmäktiges övergripande mål](https://www.linkoping.se/)"


def test_the_followup_memo_writes_seed_000s_sentence_from_the_links(followup_draft):
    assert followup_draft.section("Kommunala mål").body == (
        "Arbetsmarknadsnämndens samverkansinsatser tillsammans med civilsamhälle och idéburen sektor bidrar "
        "till nämndens mål *Hög egenförsörjningsgrad* samt till det kommungemensamma målet *Stark gemenskap "
        f"och människor i arbete*.\n\n{LINK}"
    )


def test_the_decision_memo_names_the_council_goal_areas(demo):
    draft = drafting.draft_decision_memo(agreement=demo["agreements"]["ikf2023"], **IKF_DECISION)
    assert draft.section("Kommunala mål").body == (
        "Överenskommelsen bidrar till måluppfyllelse inom kommunfullmäktiges övergripande målområden Samhälle "
        "och Medborgare och bidrar till arbetsmarknadsnämndens mål *Hög egenförsörjningsgrad*."
        f"\n\n{LINK}"
    )


def test_a_goal_added_is_named(demo):
    ikf = demo["agreements"]["ikf2023"]
    area = GoalArea.objects.create(name="Verksamhet", order=3)
    goal = Goal.objects.create(area=area, committee=ikf.committee, name="Fler i egen försörjning")
    AgreementGoal.objects.create(agreement=ikf, goal=goal)
    body = drafting.draft_decision_memo(agreement=ikf, **IKF_DECISION).section("Kommunala mål").body
    assert body.startswith(
        "Överenskommelsen bidrar till måluppfyllelse inom kommunfullmäktiges övergripande målområden Samhälle, "
        "Medborgare och Verksamhet och bidrar till arbetsmarknadsnämndens mål *Hög egenförsörjningsgrad* och "
        "*Fler i egen försörjning*."
    )


def test_without_links_the_fixed_sentence_stays(demo):
    ikf = demo["agreements"]["ikf2023"]
    AgreementGoal.objects.filter(agreement=ikf).delete()
    body = drafting.draft_decision_memo(agreement=ikf, **IKF_DECISION).section("Kommunala mål").body
    assert body == (
        "Överenskommelsen bidrar till måluppfyllelse inom kommunfullmäktiges övergripande målområden Samhälle "
        "och Medborgare och bidrar till arbetsmarknadsnämndens mål om hög egen försörjningsgrad."
        f"\n\n{LINK}"
    )


def test_only_the_council_goal_linked(demo, committee):
    AgreementGoal.objects.exclude(goal__committee__isnull=True).delete()
    draft = drafting.draft_followup_memo(
        committee=committee, report_year=2021, overview_year=2022, date=IKF_DECISION["date"]
    )
    assert draft.section("Kommunala mål").body.startswith(
        "Arbetsmarknadsnämndens samverkansinsatser tillsammans med civilsamhälle och idéburen sektor bidrar "
        "till det kommungemensamma målet *Stark gemenskap och människor i arbete*."
    )
