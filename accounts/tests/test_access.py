"""The access object (accounts.access): what it reads, how often, and the one committee switch."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.access import Access
from accounts.models import CommitteeMembership, PartnerMembership
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


def test_a_municipal_user_has_committees_and_sees_all_of_them_for_now(official, partner_user):
    an = CommitteeFactory()
    other = CommitteeFactory(name="Socialnämnden", abbreviation="SN", administration="Socialförvaltningen")
    CommitteeMembership.objects.create(user=official, committee=an)
    access = Access(official)
    assert access.committees == (an,) and access.committee_ids == {an.pk}
    assert access.sees_all_committees
    both = {AgreementFactory(committee=an), AgreementFactory(committee=other)}
    assert set(Agreement.objects.for_access(access)) == both
    assert not Access(partner_user).sees_all_committees  # partners are narrowed by organisation instead


def test_one_switch_narrows_every_queryset_to_the_users_committees(
    monkeypatch, official, coordinator, secretary
):
    """Issue 13 turns per-committee access on by changing Access.sees_all_committees alone."""
    an = CommitteeFactory()
    sn = CommitteeFactory(name="Socialnämnden", abbreviation="SN", administration="Socialförvaltningen")
    ours, theirs = AgreementFactory(committee=an), AgreementFactory(committee=sn)
    placements = {PlacementFactory(agreement=ours), PlacementFactory(agreement=theirs)}
    (
        FollowUp.objects.create(agreement=ours, year=2023, summary="A."),
        FollowUp.objects.create(agreement=theirs, year=2023, summary="B."),
    )
    for committee in (an, sn):
        Memo.objects.create(title="M", date=date(2024, 3, 1), committee=committee, created_by=secretary)
    for user in (official, coordinator, secretary):
        CommitteeMembership.objects.create(user=user, committee=an)
    assert len(Placement.objects.for_access(Access(coordinator))) == len(placements)  # switch off

    monkeypatch.setattr(Access, "sees_all_committees", property(lambda self: False))
    assert list(Agreement.objects.for_access(Access(official))) == [ours]
    assert {f.agreement for f in FollowUp.objects.for_access(Access(secretary))} == {ours}
    assert {m.committee for m in Memo.objects.for_access(Access(secretary))} == {an}
    assert {p.agreement for p in Placement.objects.for_access(Access(coordinator))} == {ours}


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


def test_a_committee_membership_is_unique_and_keeps_history(official):
    committee = CommitteeFactory()
    membership = CommitteeMembership.objects.create(user=official, committee=committee)
    assert membership.history.count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        CommitteeMembership.objects.create(user=official, committee=committee)
