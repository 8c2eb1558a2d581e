"""The memo and follow-up lists show 50 rows a page, whatever the number of memos and agreements."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from partnerships.models import Agreement
from reports.models import Memo

pytestmark = pytest.mark.django_db


def test_the_memo_list_shows_fifty_a_page(client, secretary, committee):
    Memo.objects.bulk_create(
        Memo(title=f"Skrivelse {n}", date=date(2022, 1, 1), committee=committee, administration="IAF")
        for n in range(51)
    )
    client.force_login(secretary)
    first = client.get(reverse("reports:memo_list"))
    assert len(first.context["memos"]) == 50
    assert len(client.get(reverse("reports:memo_list"), {"page": 2}).context["memos"]) == 1
    assert "?page=2" in first.content.decode()


def test_the_follow_up_list_shows_fifty_agreements_a_page(client, secretary, committee):
    Agreement.objects.bulk_create(
        Agreement(
            name=f"Extra {n:02d}",
            committee=committee,
            purpose="arbetslik aktivitet",
            value_per_year=Decimal(1000),
            committee_cost_per_year=Decimal(500),
            price_level_year=2021,
            valid_from=date(2021, 1, 1),
            valid_to=date(2021, 12, 31),
            stage=Agreement.Stage.DECIDED,
        )
        for n in range(51)
    )
    client.force_login(secretary)
    url = reverse("reports:followup_list")
    total = Agreement.objects.valid_in(2021).count()  # the seed's that ran in 2021 and the 51
    assert total > 50
    first = client.get(url, {"year": 2021})
    assert len(first.context["rows"]) == 50
    assert len(client.get(url, {"year": 2021, "page": 2}).context["rows"]) == total - 50
    assert "year=2021&amp;page=2" in first.content.decode()


def test_the_memo_list_is_newest_first(client, secretary, committee):
    for day in (date(2022, 1, 1), date(2023, 6, 1), date(2022, 9, 1)):
        Memo.objects.create(title=f"Skrivelse {day}", date=day, committee=committee, administration="IAF")
    client.force_login(secretary)
    shown = [memo.date for memo in client.get(reverse("reports:memo_list")).context["memos"]]
    assert shown == sorted(shown, reverse=True)
