"""Reminders go to the agreement's own committee only (issue 21, row 11): an official of
Socialnämnden is not told, by name, of arbetsmarknadsnämndens follow-up or agreement. Two
committees, each user a member of one (the memberships are made here, not by conftest)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core import mail
from django.utils import timezone

from accounts import roles
from accounts.models import CommitteeMembership, PartnerMembership
from conftest import make_user
from notifications.models import Reminder
from notifications.reminders import run_reminders
from partnerships.models import Agreement, Committee, Partner
from reports import followups
from reports.models import FollowUp

pytestmark = pytest.mark.committee_isolation

Kind = Reminder.Kind


@pytest.fixture
def two_committees(seed, official, secretary, administrator, partner_user, django_user_model):
    """Arbetsmarknadsnämnden (the seed's) with alice and charlie; Socialnämnden with olle, an
    official, and erik, the systemförvaltare. Everyone has an e-mail address."""
    own = seed["ikf2023"].committee
    other = Committee.objects.create(name="Socialnämnden", abbreviation="SN", administration="SOF")
    olle = make_user(django_user_model, "olle", roles.OFFICIAL)
    for user, committee in [(official, own), (secretary, own), (olle, other), (administrator, other)]:
        CommitteeMembership.objects.create(user=user, committee=committee)
    for user in (official, secretary, olle, administrator, partner_user):
        user.email = f"{user.username}@example.org"
        user.save(update_fields=["email"])
    PartnerMembership.objects.create(
        user=partner_user, partner=Partner.objects.get(name="Internationella Kvinnoföreningen")
    )
    return {"own": own, "other": other, "olle": olle, "partner": partner_user}


def told(reminders) -> list[tuple[str, str]]:
    return sorted((r.recipient.username, r.kind) for r in reminders)


def addressees() -> set[str]:
    return {address for message in mail.outbox for address in message.to}


def test_a_submitted_follow_up_is_told_to_its_own_committees_approvers_only(two_committees, seed):
    follow_up = FollowUp.objects.create(agreement=seed["ikf2023"], year=2023, summary="Text.")
    followups.submit(follow_up=follow_up, by=two_committees["partner"])
    sent = run_reminders(as_of=timezone.localdate())
    assert told(sent) == [("alice", Kind.FOLLOW_UP_SUBMITTED), ("charlie", Kind.FOLLOW_UP_SUBMITTED)]
    assert addressees() == {"alice@example.org", "charlie@example.org"}
    assert not Reminder.objects.filter(recipient__username__in=["olle", "erik"]).exists()


def test_an_ending_agreement_is_told_to_its_responsible_only_within_its_committee(two_committees, seed):
    # IKF 2023–2024 ends 2024-12-31; its responsible official works for Socialnämnden now
    Agreement.objects.filter(pk=seed["ikf2023"].pk).update(responsible=two_committees["olle"])
    assert [r for r in run_reminders(as_of=date(2024, 7, 1)) if r.recipient.username == "olle"] == []
    assert "olle@example.org" not in addressees()
    # once a member of the agreement's committee, olle is told
    CommitteeMembership.objects.create(user=two_committees["olle"], committee=two_committees["own"])
    sent = run_reminders(as_of=date(2024, 10, 1))
    assert ("olle", Kind.AGREEMENT_ENDING_3M) in told(sent)
    assert "olle@example.org" in addressees()
