"""`/api/v1/agreements/<id>/key-figures/?year=` answers for the year asked, or says why not
(issue 21, row 16: `?year=2021` answered silently for 2024)."""

from __future__ import annotations

import pytest
from drf_spectacular.generators import SchemaGenerator

pytestmark = pytest.mark.django_db


def url(agreement) -> str:
    return f"/api/v1/agreements/{agreement.pk}/key-figures/"


def test_the_year_asked_is_the_year_answered(api, tokens, demo_participants):
    # Inkludering på lika villkor 2021–2022: 230 000 kr a year (2021's prices, no indexation), IKF's
    # own contribution, and the 54 women enrolled in 2021 (participants/demo/).
    ikf2021 = demo_participants["ikf2021"]
    response = api(tokens["coordinator"]).get(url(ikf2021), {"year": 2021})
    assert response.status_code == 200
    figures = response.json()
    assert {key: figures[key] for key in ("year", "agreement", "committee_cost", "partner_contribution")} == {
        "year": 2021,
        "agreement": ikf2021.pk,
        "committee_cost": 230000,
        "partner_contribution": 224000,
    }
    assert figures["by_gender"][0] == {
        "gender": "woman",
        "enrolled": 54,
        "ended": 23,
        "work_or_studies": 7,
        "share": 30.0,
        # after the activity (issue 24): 7 of 22 followed up at 6 months, 11 of 23 at 12
        "followed_up_6": 22,
        "work_or_studies_6": 7,
        "share_6": 32.0,
        "followed_up_12": 23,
        "work_or_studies_12": 11,
        "share_12": 48.0,
        "withheld": [],
    }
    assert api(tokens["coordinator"]).get(url(ikf2021), {"year": 2022}).json()["year"] == 2022


@pytest.mark.parametrize("year", [2021, 2025])
def test_a_year_the_agreement_is_not_valid_in_is_a_400_naming_its_years(api, tokens, seed, year):
    response = api(tokens["official"]).get(url(seed["ikf2023"]), {"year": year})  # valid 2023–2024
    assert response.status_code == 400
    assert response.json() == {"year": [f"Överenskommelsen gäller inte {year}, bara 2023–2024."]}


@pytest.mark.parametrize("year", ["tjugotjugoett", "1999", "2021.5"])
def test_a_year_that_is_no_year_is_a_400(api, tokens, seed, year):
    response = api(tokens["official"]).get(url(seed["ikf2023"]), {"year": year})
    assert response.status_code == 400
    assert list(response.json()) == ["year"]


def test_without_a_year_the_agreements_own_years_are_chosen(api, tokens, seed):
    assert api(tokens["official"]).get(url(seed["ikf2023"])).json()["year"] == 2024  # ended in 2024


def test_the_schema_documents_the_400():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    operation = schema["paths"]["/api/v1/agreements/{id}/key-figures/"]["get"]
    assert "not valid in it" in operation["responses"]["400"]["description"]
    (year,) = [p for p in operation["parameters"] if p["name"] == "year"]
    assert "answers 400" in year["description"]
