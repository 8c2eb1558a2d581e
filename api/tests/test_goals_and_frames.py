"""The API reads the goals an agreement serves and the budget frame beside the forecast
(issue 24), and a follow-up's reported outcomes; an edit shows at once (the ETag moves)."""

from __future__ import annotations

from partnerships.models import BudgetFrame, Goal


def test_an_agreement_lists_its_goals_with_indicators(api, tokens, seed):
    data = api(tokens["secretary"]).get(f"/api/v1/agreements/{seed['ikf2023'].pk}/").json()
    goals = {goal["name"]: goal for goal in data["goals"]}
    assert goals["Hög egenförsörjningsgrad"]["area"] == "Medborgare"
    assert goals["Hög egenförsörjningsgrad"]["committee"] == seed["ikf2023"].committee_id
    assert goals["Hög egenförsörjningsgrad"]["indicators"] == [
        {"name": "Andel deltagare som gått vidare till arbete eller studier", "target": "ökar"}
    ]
    assert goals["Stark gemenskap och människor i arbete"]["committee"] is None


def test_the_forecast_gives_the_frame_and_what_is_left(api, tokens, seed):
    [committee] = api(tokens["secretary"]).get("/api/v1/forecast/").json()
    assert committee["frames"] == {"2023": 3600000, "2024": 3600000}
    assert committee["left_within_frame"] == {"2023": 5000, "2024": 3141000}


def test_a_changed_frame_moves_the_etag(api, tokens, seed):
    client = api(tokens["secretary"])
    first = client.get("/api/v1/forecast/")
    BudgetFrame.objects.get(year=2023).save()  # a saved frame is a new data version
    again = client.get("/api/v1/forecast/", headers={"if-none-match": first["ETag"]})
    assert again.status_code == 200


def test_a_goal_renamed_moves_the_etag(api, tokens, seed):
    client = api(tokens["official"])
    url = f"/api/v1/agreements/{seed['ikf2023'].pk}/"
    first = client.get(url)
    goal = Goal.objects.get(name="Hög egenförsörjningsgrad")
    goal.name = "Högre egenförsörjningsgrad"
    goal.save()
    again = client.get(url, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 200 and "Högre egenförsörjningsgrad" in again.content.decode()
