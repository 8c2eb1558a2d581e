"""Tokens for every role, and a client that sends one."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from accounts.models import PartnerMembership
from api.models import ApiToken

ROLES = ["official", "coordinator", "secretary", "partner", "administrator"]


@pytest.fixture
def tokens(seed, official, coordinator, secretary, partner_user, administrator) -> dict[str, str]:
    """role -> raw token; the partner user acts for IKF (seed "ikf2023")."""
    PartnerMembership.objects.create(user=partner_user, partner=seed["ikf2023"].parties.get().partner)
    users = {
        "official": official,
        "coordinator": coordinator,
        "secretary": secretary,
        "partner": partner_user,
        "administrator": administrator,
    }
    return {role: ApiToken.issue(user=user, name=f"test {role}")[1] for role, user in users.items()}


@pytest.fixture
def api():
    def client_for(raw: str | None) -> APIClient:
        client = APIClient()
        if raw:
            client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
        return client

    return client_for
