"""The read API (/api/v1/initiatives/, per committee, no personal data), the list's CSV/XLSX
download, and a partner user's initiative from the portal."""

from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.models import PartnerMembership
from api.models import ApiToken
from initiatives.models import Initiative
from initiatives.tests.factories import make_initiative
from participants.tests.factories import CommitteeFactory
from partnerships.models import Partner

pytestmark = pytest.mark.django_db


@pytest.fixture
def committees():
    own = CommitteeFactory()
    other = CommitteeFactory(name="Socialnämnden (fiktiv)", abbreviation="SN", administration="SF")
    return own, other


def api(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {ApiToken.issue(user=user, name='test')[1]}")
    return client


def test_the_api_lists_the_own_committees_initiatives_without_personal_data(
    committees, official, partner_user
):
    own, other = committees
    ours = make_initiative(own)
    theirs = make_initiative(other, title="Annan nämnds")
    response = api(official).get("/api/v1/initiatives/")
    assert response.status_code == 200
    rows = response.json()["results"]
    assert [row["id"] for row in rows] == [ours.pk]
    row = rows[0]
    assert (row["requested_per_year"], row["own_premises"], row["guideline"]) == (
        150_000,
        120_000,
        "KS2016-313",
    )
    assert len(row["criteria"]) == 8
    assert not {"contact_name", "contact_email", "contact_phone", "token"} & set(row)
    assert api(official).get(f"/api/v1/initiatives/{theirs.pk}/").status_code == 404
    assert api(partner_user).get("/api/v1/initiatives/").json()["results"] == []


def test_the_list_downloads_as_csv_and_xlsx(client, committees, official, secretary):
    own, other = committees
    make_initiative(own, dnr="AN 2026-1")
    make_initiative(other, title="Annan nämnds")
    client.force_login(official)
    assert reverse("exports:initiatives") in client.get(reverse("initiatives:list")).content.decode()
    csv = client.get(reverse("exports:initiatives") + "?format=csv").content.decode()
    lines = csv.strip().splitlines()
    assert len(lines) == 2 and "Språkcafé i Ryd" in lines[1] and "AN 2026-1" in lines[1]
    assert "200000" in lines[1] and "150000" in lines[1] and "sara@" not in csv
    xlsx = client.get(reverse("exports:initiatives") + "?format=xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    client.force_login(secretary)
    assert client.get(reverse("exports:initiatives") + "?format=csv").status_code == 403


def test_a_partner_user_proposes_from_the_portal(client, committees, partner_user, mailoutbox):
    own, _other = committees
    partner = Partner.objects.create(
        name="Internationella Kvinnoföreningen", organisation_number="802500-0012"
    )
    PartnerMembership.objects.create(user=partner_user, partner=partner)
    client.force_login(partner_user)
    url = reverse("portal:initiative_create") + f"?committee={own.pk}"
    page = client.get(url).content.decode()
    assert "organisation_number" not in page and "data-pow-challenge" not in page
    response = client.post(
        url,
        {
            "title": "Kvinnocafé",
            "contact_name": "Amina",
            "contact_email": "amina@example.org",
            "problem": "Isolering.",
            "target_group": "kvinnor",
            "activities": "Café.",
            "period_from": "2027-01-01",
            "period_to": "2027-12-31",
            "own_staff": "100 000",
            "requested_per_year": "100 000",
        },
    )
    initiative = Initiative.objects.get()
    assert response.status_code == 302 and response.url.startswith("/initiativ/f/")
    assert (initiative.partner, initiative.organisation_name, initiative.organisation_number) == (
        partner,
        "Internationella Kvinnoföreningen",
        "802500-0012",
    )
    assert initiative.submitted_by == partner_user and len(mailoutbox) == 1
    home = client.get(reverse("portal:home")).content.decode()
    assert "Kvinnocafé" in home
