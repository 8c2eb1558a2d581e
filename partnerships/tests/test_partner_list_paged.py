"""The partner list at national scale (issue 22): pages in name order, each partner's number of
agreements counted for the partners shown, the queries the same for more partners."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnerships import partner_views as views
from partnerships.models import Partner

pytestmark = pytest.mark.django_db


def test_pages_in_name_order_with_the_agreement_counts(client, seed, official, monkeypatch):
    monkeypatch.setattr(views, "PARTNER_PAGE_SIZE", 2)
    client.force_login(official)
    names = list(Partner.objects.order_by("name").values_list("name", flat=True))
    pages = []
    for number in range(1, (len(names) + 1) // 2 + 1):
        pages += list(client.get(reverse("partnerships:partner_list"), {"page": number}).context["partners"])
    assert [p.name for p in pages] == names
    counts = {p.name: p.agreement_count for p in pages}
    assert counts["Bilda"] == Partner.objects.get(name="Bilda").parties.count() >= 2


def test_more_partners_cost_no_more_queries(client, seed, official):
    client.force_login(official)
    url = reverse("partnerships:partner_list")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    Partner.objects.bulk_create(
        [Partner(name=f"Förening {n:03}", kind=Partner.objects.first().kind) for n in range(60)]
    )
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(many) == len(few)
    assert len(response.context["partners"]) == views.PARTNER_PAGE_SIZE
