"""Guidelines as data: the migration keeps every answer, forms and pages use the agreement's guideline."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.urls import reverse

from conftest import form_data
from partnerships import services
from partnerships.guidelines import KS2016_313_CRITERIA, Guideline, default_guideline
from partnerships.models import Agreement
from reports.drafting.decision import draft_decision_memo
from tests import replaced_migrations

BEFORE = [("partnerships", "0009_merge_20261201_2315")]
AFTER = [("partnerships", "0010_guidelines_as_data")]


@pytest.mark.django_db(transaction=True)
def test_the_migration_turns_the_eight_criteria_into_ks2016_313_and_keeps_every_answer():
    executor = replaced_migrations.executor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    committee = old.get_model("partnerships", "Committee").objects.create(
        name="N", abbreviation="N", administration="F"
    )
    agreement = old.get_model("partnerships", "Agreement").objects.create(
        name="A", committee=committee, purpose="p", value_per_year=2, committee_cost_per_year=1,
        price_level_year=2023, valid_from=date(2023, 1, 1), valid_to=date(2023, 12, 31),
    )  # fmt: skip
    answers = old.get_model("partnerships", "AgreementCriterion")
    for number in range(1, 9):
        answers.objects.create(
            agreement=agreement, criterion=number, fulfilled=number != 5, justification=f"Skäl {number}."
        )
    before = sorted(
        answers.objects.values_list("pk", "agreement_id", "criterion", "fulfilled", "justification")
    )

    executor = replaced_migrations.executor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    after = sorted(
        new.get_model("partnerships", "AgreementCriterion").objects.values_list(
            "pk", "agreement_id", "criterion", "fulfilled", "justification"
        )
    )
    assert after == before
    guideline = new.get_model("partnerships", "Guideline").objects.get(reference="KS2016-313")
    assert list(guideline.criteria.order_by("number").values_list("text", flat=True)) == KS2016_313_CRITERIA
    assert (
        new.get_model("partnerships", "Agreement").objects.get(pk=agreement.pk).guideline_id == guideline.pk
    )
    executor = replaced_migrations.executor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_a_new_guideline_leaves_the_agreements_decided_under_the_old_one(client, seed, official):
    ikf = seed["ikf2023"]
    newer = Guideline.objects.create(name="Riktlinjer 2025", reference="KS2025-1", year=2025)
    newer.criteria.create(number=1, text="partnerskapet bygger på ett gemensamt samverkansbehov")
    client.force_login(official)
    page = client.get(reverse("partnerships:agreement_detail", args=[ikf.pk])).content.decode()
    assert "KS2016-313" in page and KS2016_313_CRITERIA[0] in page and "samverkansbehov" not in page
    assert "Verksamheten har utvecklats av IKF" in page  # the answers are still there
    memo = draft_decision_memo(agreement=Agreement.objects.get(pk=ikf.pk), date=date(2022, 9, 27))
    body = "\n".join(section.body for section in memo.sections)
    assert "- " + KS2016_313_CRITERIA[7] in body and "samverkansbehov" not in body
    # and so does the decision memo drafted on its page
    from reports.models import Memo

    drafted = client.post(
        reverse("reports:draft_decision_memo"),
        {"agreement": ikf.pk, "date": "2022-09-27", "partner_name": "IKF", "partner_short_name": "IKF"},
    )
    assert drafted.status_code == 302
    made = Memo.objects.get(kind=Memo.Kind.NEW_AGREEMENT, created_by=official)
    text = "\n".join(made.sections.values_list("body", flat=True))
    assert "- " + KS2016_313_CRITERIA[7] in text and "samverkansbehov" not in text
    # a new agreement gets the newest guideline: its form asks its criteria
    form = client.get(reverse("partnerships:agreement_create")).content.decode()
    assert "samverkansbehov" in form and KS2016_313_CRITERIA[0] not in form
    successor = services.renew(agreement=ikf)
    assert successor.guideline == newer and not successor.criteria.exists()


def test_a_decided_agreement_needs_every_criterion_answered_with_a_justification(client, seed, official):
    default_guideline()
    draft = services.renew(agreement=seed["ikf2023"])
    client.force_login(official)
    url = reverse("partnerships:agreement_edit", args=[draft.pk])
    data = form_data(client.get(url))
    data["stage"] = "decided"
    data["criteria-justification_3"] = ""
    response = client.post(url, data)
    assert response.status_code == 200
    assert "måste ha varje kriterium" in response.content.decode() and "3" in response.content.decode()
    draft.refresh_from_db()
    assert draft.stage == "draft"
    data["criteria-justification_3"] = "Bryter isolering."
    assert client.post(url, data).status_code == 302
    draft.refresh_from_db()
    assert draft.stage == "decided"


def test_a_new_agreement_is_assessed_under_its_committees_own_guideline(client, official, seed):
    """A guideline belongs to the municipality or to one committee (issue 16): the form of a new
    agreement of a committee with its own guideline asks that guideline's criteria, and the
    agreement keeps it; an official of that committee alone sees its criteria at once."""
    committee = seed["ikf2023"].committee
    own = Guideline.objects.create(
        name="Nämndens riktlinje", reference="AMN2026-1", year=2026, committee=committee
    )
    own.criteria.create(number=1, text="verksamheten stärker vägen till arbete")
    client.force_login(official)
    create = reverse("partnerships:agreement_create")
    data = form_data(client.get(create))
    data.update(
        {
            "name": "Nämndens eget",
            "committee": str(committee.pk),
            "purpose": "Arbetsträning.",
            "value_per_year": "100000",
            "committee_cost_per_year": "50000",
            "price_level_year": "2026",
            "valid_from": "2026-01-01",
            "valid_to": "2026-12-31",
            "parties-0-partner": str(seed["ikf2023"].parties.get().partner.pk),
            "parties-0-role": "lead",
            "criteria-fulfilled_1": "yes",
            "criteria-justification_1": "Leder till anställning.",
        }
    )
    response = client.post(create, data)
    assert response.status_code == 302, [response.context[k].errors for k in ("form", "parties", "criteria")]
    made = Agreement.objects.get(name="Nämndens eget")
    assert made.guideline == own
    assert [(a.criterion, a.fulfilled) for a in made.criteria.all()] == [(1, True)]
    page = client.get(made.get_absolute_url()).content.decode()
    assert "stärker vägen till arbete" in page
