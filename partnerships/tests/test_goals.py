"""Goals as data (issue 24): an agreement links the council's and its committee's goals, the
agreement page lists them with their indicators, and the overview is filtered by goal."""

from __future__ import annotations

import re

import pytest
from django.db import IntegrityError

from partnerships.goals import GoalsForm, link_goals
from partnerships.models import AgreementGoal, Committee, Goal, GoalArea


@pytest.fixture
def society(seed):
    return GoalArea.objects.get(name="Samhälle")


def test_the_demo_links_every_seed_agreement_to_both_goals(seed):
    for agreement in seed.values():
        assert sorted(agreement.goals.values_list("name", flat=True)) == [
            "Hög egenförsörjningsgrad",
            "Stark gemenskap och människor i arbete",
        ]


def test_the_overview_filtered_by_goal(client, official, seed, society):
    goal = Goal.objects.create(
        area=society, committee=seed["hoppfull"].committee, name="Fler i arbetslik aktivitet"
    )
    link_goals(seed["hoppfull"], [goal])
    link_goals(seed["bro"], [goal, *seed["bro"].goals.all()])
    client.force_login(official)
    html = client.get(f"/agreements/?year=2022&goal={goal.pk}").content.decode().replace("\u00a0", " ")
    names = re.findall(r'<a href="/agreements/\d+/">([^<]+)</a>', html)
    assert names == ["Bro-modellen", "Hoppfull framtid"] or names == ["Hoppfull framtid", "Bro-modellen"]
    assert "3 871 700 kr" in html  # 2 080 500 + 1 791 200
    everything = client.get("/agreements/?year=2022").content.decode().replace("\u00a0", " ")
    assert "6 379 326 kr" in everything


def test_another_committees_goal_is_not_offered(client, official, seed, society):
    other = Committee.objects.create(name="Socialnämnden (fiktiv)", abbreviation="SN", administration="SF")
    theirs = Goal.objects.create(area=society, committee=other, name="Trygg uppväxt")
    client.force_login(official)
    html = client.get("/agreements/?year=2022").content.decode()
    assert "Hög egenförsörjningsgrad" in html and "Trygg uppväxt" not in html
    form = client.get(f"/agreements/{seed['hoppfull'].pk}/edit/").content.decode()
    assert "Hög egenförsörjningsgrad" in form and "Trygg uppväxt" not in form
    assert theirs.pk not in {goal.pk for goal in Goal.objects.for_access(_access(official))}


def _access(user):
    from accounts.access import Access

    return Access(user)


def test_a_committee_goal_only_on_its_committees_agreements(seed, society):
    other = Committee.objects.create(name="Socialnämnden (fiktiv)", abbreviation="SN", administration="SF")
    theirs = Goal.objects.create(area=society, committee=other, name="Trygg uppväxt")
    form = GoalsForm({"goals": [theirs.pk]}, agreement=seed["hoppfull"])
    assert not form.check_committee(seed["hoppfull"].committee)
    assert form.errors["goals"] == ["”Trygg uppväxt” är en annan nämnds mål."]


def test_links_are_written_with_history(seed):
    hoppfull = seed["hoppfull"]
    council_goal = Goal.objects.council().get()
    link_goals(hoppfull, [council_goal])
    assert list(hoppfull.goals.all()) == [council_goal]
    assert AgreementGoal.history.filter(agreement_id=hoppfull.pk, history_type="-").count() == 1


def test_the_agreement_page_lists_goals_and_indicators(client, official, seed):
    client.force_login(official)
    html = client.get(seed["ikf2023"].get_absolute_url()).content.decode()
    assert "Medborgare: Hög egenförsörjningsgrad (AN)" in html
    assert "Andel deltagare som gått vidare till arbete eller studier (ökar)" in html
    assert "Samhälle: Stark gemenskap och människor i arbete (kommunfullmäktige)" in html


def test_saving_the_form_links_goals(client, official, seed):
    """The agreement form's goal boxes are saved with the rest (partnerships/services.py)."""
    from conftest import form_data

    hoppfull = seed["hoppfull"]
    council_goal = Goal.objects.council().get()
    client.force_login(official)
    url = f"/agreements/{hoppfull.pk}/edit/"
    data = {**form_data(client.get(url)), "goals-goals": [council_goal.pk]}
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert list(hoppfull.goals.all()) == [council_goal]


def test_one_link_per_goal(seed):
    with pytest.raises(IntegrityError):
        AgreementGoal.objects.create(agreement=seed["hoppfull"], goal=seed["hoppfull"].goals.first())
