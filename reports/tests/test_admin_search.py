"""The reports admin lists can be searched."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.urls import reverse

from reports.models import FollowUp, Memo, MemoDefaults

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", [FollowUp, Memo, MemoDefaults])
def test_every_reports_list_has_a_search(model):
    assert admin.site._registry[model].search_fields


def test_memo_defaults_are_found_by_signer_and_committee(client, administrator, demo):
    administrator.is_superuser = True
    administrator.save()
    client.force_login(administrator)
    url = reverse("admin:reports_memodefaults_changelist")
    for query, found in [("Schullström", 1), ("arbetsmarknadsnämnden", 1), ("AN", 1), ("Ingen sådan", 0)]:
        response = client.get(url, {"q": query})
        assert response.status_code == 200
        assert response.context["cl"].result_count == found, query
