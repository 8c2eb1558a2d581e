"""The follow-up list asks for follow-ups on decided agreements only: a draft has not run."""

from datetime import date

import pytest
from django.urls import reverse

from partnerships.models import Agreement

pytestmark = pytest.mark.django_db


def test_a_draft_agreement_is_not_asked_for_a_follow_up(client, official, seed):
    Agreement.objects.create(
        name="Utkast som aldrig beslutades",
        committee=seed["sprak"].committee,
        purpose="x",
        value_per_year=1,
        committee_cost_per_year=1,
        price_level_year=2021,
        valid_from=date(2021, 1, 1),
        valid_to=date(2021, 12, 31),
        stage=Agreement.Stage.DRAFT,
    )
    client.force_login(official)
    response = client.get(reverse("reports:followup_list"), {"year": 2021})
    assert response.status_code == 200
    names = [agreement.name for agreement, _follow_up in response.context["rows"]]
    assert "Utkast som aldrig beslutades" not in names
    assert "Språkvänner" in names
    assert "Utkast som aldrig beslutades" not in response.text
