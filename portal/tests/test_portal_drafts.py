"""Partners see decided agreements only: a draft (a renewal, say) is the municipality's until
the committee decides it (issue 8, item 12)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.models import PartnerMembership
from partnerships import services
from partnerships.models import Partner


@pytest.fixture
def draft_renewal(seed):
    return services.renew(agreement=seed["ikf2023"])


@pytest.fixture
def insatsledare(partner_user, seed):
    PartnerMembership.objects.create(
        user=partner_user, partner=Partner.objects.get(name="Internationella Kvinnoföreningen")
    )
    return partner_user


def test_a_draft_renewal_is_not_on_the_portal_home(client, insatsledare, draft_renewal, seed):
    client.force_login(insatsledare)
    response = client.get(reverse("portal:home"))
    shown = {agreement.pk for agreement, _usage in response.context["rows"]}
    assert seed["ikf2023"].pk in shown
    assert draft_renewal.pk not in shown


@pytest.mark.parametrize(
    "name, kwargs",
    [
        ("portal:agreement", {}),
        ("portal:followup_edit", {"year": 2025}),
        ("partnerships:agreement_detail", {}),
    ],
)
def test_no_portal_page_shows_a_draft(client, insatsledare, draft_renewal, name, kwargs):
    client.force_login(insatsledare)
    assert client.get(reverse(name, kwargs={"pk": draft_renewal.pk, **kwargs})).status_code == 404
