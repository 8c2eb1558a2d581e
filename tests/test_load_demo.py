from __future__ import annotations

import os

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from accounts.models import CommitteeMembership, PartnerMembership
from dashboard.demo import FICTITIOUS_CASE_NUMBER
from iop_registry.management.commands.load_demo import SECOND_COMMITTEE_AGREEMENT
from partnerships.models import Agreement, AgreementParty, Partner


def counts():
    """The seed's rows; the fictitious renewals for today (dashboard/demo.py) are counted apart."""
    seed = Agreement.objects.exclude(case_number=FICTITIOUS_CASE_NUMBER)
    return (
        seed.count(),
        Partner.objects.count(),
        AgreementParty.objects.filter(agreement__in=seed).count(),
        get_user_model().objects.count(),
        PartnerMembership.objects.count(),
    )


def test_load_demo_is_idempotent_and_makes_users_only_in_debug(db, settings, capsys):
    settings.DEBUG = False
    call_command("load_demo")
    assert counts() == (8, 7, 10, 0, 0)  # with the second committee's agreement, partner, party
    settings.DEBUG = True
    call_command("load_demo")
    first = counts()
    renewals = Agreement.objects.filter(case_number=FICTITIOUS_CASE_NUMBER).count()
    call_command("load_demo")
    assert counts() == first == (8, 7, 10, 6, 1)
    assert Agreement.objects.filter(case_number=FICTITIOUS_CASE_NUMBER).count() == renewals > 0
    assert "demo-handlaggare-2026" in capsys.readouterr().out
    membership = PartnerMembership.objects.get()
    assert (membership.user.username, membership.partner.name) == (
        "partner",
        "Internationella Kvinnoföreningen",
    )


@pytest.mark.committee_isolation
def test_the_demo_has_a_second_committee_that_only_its_official_sees(db, settings, client):
    """Issue 13: handlaggare-sn sees socialnämnden's (fictitious) agreement only; the
    arbetsmarknadsnämnden demo users never see it."""
    settings.DEBUG = True
    call_command("load_demo", stdout=open(os.devnull, "w"))
    users = get_user_model().objects.in_bulk(field_name="username")
    theirs = Agreement.objects.get(name=SECOND_COMMITTEE_AGREEMENT)
    ikf = Agreement.objects.get(name="Inkludering på lika villkor", valid_from__year=2023)
    assert theirs.committee.name == "Socialnämnden (fiktiv)"
    assert {
        m.committee.abbreviation for m in CommitteeMembership.objects.filter(user=users["handlaggare"])
    } == {"AN"}
    client.force_login(users["handlaggare-sn"])
    assert client.get(theirs.get_absolute_url()).status_code == 200
    assert client.get(ikf.get_absolute_url()).status_code == 404
    overview = client.get(reverse("partnerships:overview") + "?year=2025").context["overview"]
    assert [row.name for row in overview.rows] == [SECOND_COMMITTEE_AGREEMENT]
    for username in ("handlaggare", "koordinator", "sekreterare"):
        client.force_login(users[username])
        assert client.get(theirs.get_absolute_url()).status_code == 404, username
        assert client.get(ikf.get_absolute_url()).status_code == 200, username
