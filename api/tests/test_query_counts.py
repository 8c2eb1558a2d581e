"""Every API list answers in the same number of queries whatever its page size (issue 22): before,
`/api/v1/agreements/` looked up each row's guideline and its criteria, 3 queries a row (42 / 159 /
609 at page size 10 / 50 / 200). The agreement's detail does not query per criterion either.

The data grows from 10 to 50 to 200 agreements, each page asked for at a page size as large as
the data, so every row is read; the aggregates (forecast, key figures) read them all."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from accounts import roles
from accounts.models import PartnerMembership
from api.models import ApiToken
from conftest import make_user
from participants.tests.factories import AgreementFactory, CommitteeFactory
from partnerships.guidelines import Guideline, GuidelineCriterion, default_guideline
from partnerships.models import Agreement, AgreementCriterion, AgreementParty, Amendment, Partner
from reports.models import FollowUp

pytestmark = [pytest.mark.django_db, pytest.mark.every_committee]

SIZES = [10, 50, 200]
LISTS = [
    "/api/v1/agreements/?page_size={size}",
    "/api/v1/agreements/?page_size={size}&year=2024",
    "/api/v1/partners/?page_size={size}",
    "/api/v1/committees/?page_size={size}",
    "/api/v1/follow-ups/?page_size={size}",
    "/api/v1/forecast/",
    "/api/v1/key-figures/?year=2023",
]
PARTNER_LISTS = [
    "/api/v1/agreements/?page_size={size}",
    "/api/v1/partners/?page_size={size}",
    "/api/v1/committees/?page_size={size}",
    "/api/v1/follow-ups/?page_size={size}",
]


def guideline(reference: str, criteria: int, committee=None) -> Guideline:
    made = Guideline.objects.create(name=reference, reference=reference, year=2020, committee=committee)
    GuidelineCriterion.objects.bulk_create(
        GuidelineCriterion(guideline=made, number=number, text=f"{reference} kriterium {number}")
        for number in range(1, criteria + 1)
    )
    return made


class Register:
    """Agreements of every kind a page may mix: assessed under a guideline of their own, or under
    none (then the one a new agreement of their committee gets: the committee's own, or the
    municipality's), with parties, answers, an amendment and a follow-up each."""

    def __init__(self, shared_partner: Partner) -> None:
        self.shared = shared_partner
        self.committees = [
            CommitteeFactory(),
            CommitteeFactory(name="Socialnämnden", abbreviation="SN", administration="Socialförvaltningen"),
            CommitteeFactory(name="Kultur- och fritidsnämnden", abbreviation="KFN", administration="KFF"),
        ]
        default_guideline()
        self.guidelines = [None, guideline("SN-1", 5, self.committees[1]), guideline("EGEN-1", 3)]
        self.count = 0

    def grow_to(self, total: int) -> None:
        while self.count < total:
            self.add(self.count)
            self.count += 1

    def add(self, n: int) -> None:
        agreement = AgreementFactory(
            name=f"Avtal {n:03d}",
            committee=self.committees[n % 3],
            guideline=self.guidelines[(n // 3) % 3],
            case_number=f"AN-2023-{n:03d}",
        )
        partner = Partner.objects.create(name=f"Förening {n:03d}")
        AgreementParty.objects.create(
            agreement=agreement, partner=partner, in_kind_contribution=Decimal(1000)
        )
        AgreementParty.objects.create(
            agreement=agreement, partner=self.shared, role=AgreementParty.Role.CO_PARTNER, order=1
        )
        AgreementCriterion.objects.bulk_create(
            AgreementCriterion(agreement=agreement, criterion=number, fulfilled=True, justification="Ja.")
            for number in (1, 2, 3)
        )
        Amendment.objects.create(
            agreement=agreement,
            starts_on=date(2024, 7, 1),
            value_per_year=Decimal(1200000),
            committee_cost_per_year=Decimal(600000),
            price_level_year=2024,
            indexation_percent=Decimal(0),
            decision_date=date(2024, 6, 1),
            case_number=f"AN-2024-{n:03d}",
        )
        FollowUp.objects.create(agreement=agreement, year=2023, summary="Det gick bra.")


def client_for(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {ApiToken.issue(user=user, name='test')[1]}")
    return client


def queries(client: APIClient, url: str) -> int:
    # As a client that keeps no cookies: a kept session's once-a-minute refresh
    # (accounts.middleware) would be a write in some requests and not others.
    client.cookies.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.content[:300])
    return len(captured)


@pytest.fixture
def register(db) -> Register:
    return Register(Partner.objects.create(name="Gemensam förening"))


def counts_as_it_grows(register: Register, client: APIClient, urls: list[str]) -> dict[str, list[int]]:
    client.get("/api/v1/committees/")  # the token's first use writes last_used_at: not counted
    counts: dict[str, list[int]] = {url: [] for url in urls}
    for size in SIZES:
        register.grow_to(size)
        for url in urls:
            counts[url].append(queries(client, url.format(size=size)))
    return counts


def test_every_list_takes_as_many_queries_at_10_50_and_200_rows(register, django_user_model):
    official = make_user(django_user_model, "alice", roles.OFFICIAL)
    client = client_for(official)
    counts = counts_as_it_grows(register, client, LISTS)
    # every row was on the page: the count stayed the same because no row costs a query
    assert client.get("/api/v1/agreements/?page_size=200").json()["count"] == 200
    assert {url: len(set(found)) for url, found in counts.items()} == dict.fromkeys(LISTS, 1), counts


def test_a_partner_tokens_lists_take_as_many_queries_at_10_50_and_200_rows(register, django_user_model):
    dana = make_user(django_user_model, "dana", roles.PARTNER)
    PartnerMembership.objects.create(user=dana, partner=register.shared)
    client = client_for(dana)
    counts = counts_as_it_grows(register, client, PARTNER_LISTS)
    assert client.get("/api/v1/agreements/?page_size=200").json()["count"] == 200
    assert {url: len(set(found)) for url, found in counts.items()} == dict.fromkeys(PARTNER_LISTS, 1), counts


@pytest.mark.parametrize("own_guideline", [True, False])
def test_an_agreements_detail_takes_as_many_queries_for_2_criteria_as_for_12(
    register, django_user_model, own_guideline
):
    client = client_for(make_user(django_user_model, "alice", roles.OFFICIAL))
    client.get("/api/v1/committees/")
    found = []
    for criteria in (2, 12):
        committee = CommitteeFactory(name=f"Nämnd {criteria}", abbreviation=f"N{criteria}")
        assessed_under = guideline(f"G{criteria}", criteria, None if own_guideline else committee)
        agreement = AgreementFactory(committee=committee, guideline=assessed_under if own_guideline else None)
        AgreementCriterion.objects.bulk_create(
            AgreementCriterion(agreement=agreement, criterion=number, fulfilled=True)
            for number in range(1, criteria + 1)
        )
        labels = [
            row["label"] for row in client.get(f"/api/v1/agreements/{agreement.pk}/").json()["criteria"]
        ]
        assert labels == [f"G{criteria} kriterium {number}" for number in range(1, criteria + 1)]
        found.append(queries(client, f"/api/v1/agreements/{agreement.pk}/"))
    assert found[0] == found[1], found
    assert Agreement.objects.filter(guideline__isnull=True).exists() != own_guideline


def test_a_token_request_starts_no_session(db, django_user_model):
    """Before, every request of a client that keeps no cookies wrote a new session row (four of
    the partner list's eight queries) and answered with a session cookie: the API's user comes from
    the token, and the session's lifetime clock (accounts.middleware) took it for a login."""
    from django.contrib.sessions.models import Session

    client = client_for(make_user(django_user_model, "alice", roles.OFFICIAL))
    for _ in range(2):
        client.cookies.clear()
        response = client.get("/api/v1/partners/")
        assert response.status_code == 200 and "sessionid" not in response.cookies
    assert not Session.objects.exists()
