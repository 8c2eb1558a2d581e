"""The access object (accounts.access): what it reads, how often, and whose committees it sees."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts import roles
from accounts.access import Access
from accounts.models import CommitteeMembership, PartnerMembership
from conftest import make_user
from participants.models import Placement
from participants.tests.factories import AgreementFactory, CommitteeFactory, PlacementFactory
from partnerships.models import Agreement, Partner
from reports.models import FollowUp, Memo

pytestmark = pytest.mark.django_db


def roles_queries(queries) -> list[str]:
    """The queries that read a user's group names (Access.roles)."""
    return [q["sql"] for q in queries.captured_queries if '"auth_group"."name"' in q["sql"]]


def test_roles_are_read_once_however_often_they_are_asked(official, django_assert_num_queries):
    access = Access(official)
    with django_assert_num_queries(1):
        assert access.roles == frozenset({"handläggare"})
        assert access.is_municipal and not access.is_partner
        assert access.roles == frozenset({"handläggare"})


def test_anonymous_reaches_nothing(seed):
    access = Access(AnonymousUser())
    assert access.roles == frozenset() and not access.is_authenticated
    assert not access.has_perm("partnerships.view_agreement")
    assert access.partner is None and access.committees == ()
    assert not Agreement.objects.for_access(access).exists()


def test_a_partner_user_acts_for_its_organisation(partner_user, official):
    partner = Partner.objects.create(name="Föreningen")
    assert Access(partner_user).partner is None  # not linked to an organisation yet
    PartnerMembership.objects.create(user=partner_user, partner=partner)
    assert Access(partner_user).partner == partner
    assert Access(official).partner is None


@pytest.mark.committee_isolation
def test_a_municipal_user_sees_their_own_committees_only(official, partner_user, administrator):
    an = CommitteeFactory()
    other = CommitteeFactory(name="Socialnämnden", abbreviation="SN", administration="Socialförvaltningen")
    CommitteeMembership.objects.create(user=official, committee=an)
    access = Access(official)
    assert access.committees == (an,) and access.committee_ids == {an.pk}
    assert not access.sees_all_committees
    ours, theirs = AgreementFactory(committee=an), AgreementFactory(committee=other)
    assert list(Agreement.objects.for_access(access)) == [ours]
    assert set(Agreement.objects.for_access(Access(administrator))) == {ours, theirs}
    assert Access(administrator).sees_all_committees  # systemförvaltare see every committee
    assert not Access(partner_user).sees_all_committees  # partners are narrowed by organisation instead
    assert list(access.visible_committees()) == [an]
    assert set(Access(administrator).visible_committees()) == {an, other}
    assert not Access(partner_user).visible_committees().exists()


@pytest.mark.committee_isolation
def test_a_superuser_sees_every_committee(django_user_model):
    CommitteeFactory()
    superuser = django_user_model.objects.create_superuser("root", password="x" * 20)
    access = Access(superuser)
    assert access.sees_all_committees and access.scope == "all"
    assert Agreement.objects.for_access(access).count() == 0  # nothing yet, but not narrowed
    agreement = AgreementFactory()
    assert list(Agreement.objects.for_access(access)) == [agreement]


@pytest.mark.committee_isolation
def test_a_municipal_user_in_no_committee_sees_nothing(official, coordinator, secretary):
    agreement = AgreementFactory()
    PlacementFactory(agreement=agreement)
    FollowUp.objects.create(agreement=agreement, year=2023, summary="A.")
    Memo.objects.create(title="M", date=date(2024, 3, 1), committee=agreement.committee, created_by=secretary)
    assert not Agreement.objects.for_access(Access(official)).exists()
    assert not Placement.objects.for_access(Access(coordinator)).exists()
    assert not FollowUp.objects.for_access(Access(secretary)).exists()
    assert not Memo.objects.for_access(Access(secretary)).exists()
    assert not Access(official).visible_committees().exists()
    assert Access(official).scope == f"user:{official.pk}"


@pytest.mark.committee_isolation
def test_every_queryset_narrows_to_the_users_committees(official, coordinator, secretary):
    an = CommitteeFactory()
    sn = CommitteeFactory(name="Socialnämnden", abbreviation="SN", administration="Socialförvaltningen")
    ours, theirs = AgreementFactory(committee=an), AgreementFactory(committee=sn)
    PlacementFactory(agreement=ours), PlacementFactory(agreement=theirs)
    (
        FollowUp.objects.create(agreement=ours, year=2023, summary="A."),
        FollowUp.objects.create(agreement=theirs, year=2023, summary="B."),
    )
    for committee in (an, sn):
        Memo.objects.create(title="M", date=date(2024, 3, 1), committee=committee, created_by=secretary)
    for user in (official, coordinator, secretary):
        CommitteeMembership.objects.create(user=user, committee=an)
    assert list(Agreement.objects.for_access(Access(official))) == [ours]
    assert {f.agreement for f in FollowUp.objects.for_access(Access(secretary))} == {ours}
    assert {m.committee for m in Memo.objects.for_access(Access(secretary))} == {an}
    assert {p.agreement for p in Placement.objects.for_access(Access(coordinator))} == {ours}
    assert Access(official).scope == f"user:{official.pk}" != Access(secretary).scope


def test_tests_make_municipal_users_members_of_the_first_committee_only(client, official, partner_user, seed):
    """conftest._municipal_users_in_one_committee (issue 21): a test not marked sees the first
    committee (the seed's AN), for users made before or after it, and no committee made later,
    so a page that leaks another committee's agreement fails the test that asks for it."""
    later = CommitteeFactory(name="Socialnämnden", abbreviation="SN", administration="Socialförvaltningen")
    coordinator = make_user(get_user_model(), "ny-koordinator", roles.COORDINATOR)
    assert (
        Access(official).committee_ids == Access(coordinator).committee_ids == {seed["ikf2023"].committee_id}
    )
    assert Access(partner_user).committee_ids == frozenset()
    theirs = AgreementFactory(committee=later)
    client.force_login(coordinator)
    assert client.get(reverse("partnerships:agreement_detail", args=[seed["ikf2023"].pk])).status_code == 200
    assert client.get(reverse("partnerships:agreement_detail", args=[theirs.pk])).status_code == 404


def test_the_first_committee_is_the_one_a_test_makes_first(official):
    """Without the seed, the committee a test makes first is its users' committee."""
    first = CommitteeFactory(name="Socialnämnden", abbreviation="SN", administration="Socialförvaltningen")
    CommitteeFactory()
    assert Access(official).committee_ids == {first.pk}


def test_a_membership_a_loader_makes_stays_its_users_one_committee(official, request):
    """A demo loader's own memberships (load_demo's handlaggare-sn) are kept as they are; users in
    no committee (the `official` fixture) join the first one after it."""
    from tests.demo_data import load_once

    def loader():
        CommitteeFactory()
        sn = CommitteeFactory(name="Socialnämnden", abbreviation="SN", administration="Socialförvaltningen")
        theirs = make_user(get_user_model(), "handlaggare-sn", roles.OFFICIAL)
        CommitteeMembership.objects.create(user=theirs, committee=sn)
        return {"sn": sn, "user": theirs}

    loaded = load_once(request, "test: a second committee's official", loader)
    an = CommitteeFactory()  # get_or_create: the loader's
    assert Access(loaded["user"]).committee_ids == {loaded["sn"].pk}
    assert Access(official).committee_ids == {an.pk}


@pytest.mark.every_committee
def test_the_every_committee_marker_makes_users_members_of_every_committee(official, partner_user, seed):
    """`@pytest.mark.every_committee`: every committee, made before or after the users."""
    later = CommitteeFactory(name="Socialnämnden", abbreviation="SN", administration="Socialförvaltningen")
    coordinator = make_user(get_user_model(), "ny-koordinator", roles.COORDINATOR)
    expected = {seed["ikf2023"].committee_id, later.pk}
    assert set(Access(official).committee_ids) == set(Access(coordinator).committee_ids) == expected
    assert Access(partner_user).committee_ids == frozenset()


def test_a_page_reads_group_membership_once(client, seed, partner_user):
    """The portal page asks "is this a partner?" in its decorator, three QuerySets, the
    navigation and a predicate: one query for the roles."""
    agreement = seed["ikf2023"]
    PartnerMembership.objects.create(user=partner_user, partner=agreement.parties.get().partner)
    client.force_login(partner_user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("portal:agreement", args=[agreement.pk]))
    assert response.status_code == 200
    assert len(roles_queries(queries)) == 1


def test_templates_see_the_requests_access(client, official):
    client.force_login(official)
    response = client.get(reverse("accounts:account"))
    assert response.context["access"].user == official
    assert response.context["access"] is response.wsgi_request.access


@pytest.mark.committee_isolation
def test_a_committee_membership_is_unique_and_keeps_history(official):
    committee = CommitteeFactory()
    membership = CommitteeMembership.objects.create(user=official, committee=committee)
    assert membership.history.count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        CommitteeMembership.objects.create(user=official, committee=committee)
