"""The payments page at national scale (issue 22): a page of agreements, the totals of all."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from payments import services, views
from payments.models import Instalment
from payments.plans import Frequency

pytestmark = pytest.mark.django_db


def test_pages_of_agreements_and_the_totals_of_all(client, seed, official, monkeypatch):
    """The seed's five decided agreements of 2023 two a page: every agreement on one page only,
    and each page's totals the sum of all five plans (3 595 000 kr, docs/domain.md's forecast)."""
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    for key in ("hoppfull", "bro", "vises", "sprak", "ikf2023"):
        services.set_up_plan(agreement=seed[key], frequency=Frequency.QUARTERLY, by=official)
    client.force_login(official)
    url = reverse("payments:payment_list") + "?year=2023"
    pages = [client.get(url + f"&page={n}").context for n in (1, 2, 3)]
    shown = [agreement.pk for context in pages for agreement in context["agreements"]]
    assert [len(context["agreements"]) for context in pages] == [2, 2, 1]
    assert len(set(shown)) == 5
    planned = Instalment.objects.filter(year=2023, agreement__committee__abbreviation="AN")
    assert sum(planned.values_list("amount", flat=True)) == Decimal(3_595_000)
    assert {context["totals"]["planned"] for context in pages} == {Decimal(3_595_000)}
    sums = {agreement.pk: agreement.planned for context in pages for agreement in context["agreements"]}
    assert sum(sums.values()) == Decimal(3_595_000)
