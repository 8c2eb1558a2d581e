from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management import call_command

from accounts.models import PartnerMembership
from dashboard.demo import FICTITIOUS_CASE_NUMBER
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
    assert counts() == (7, 6, 9, 0, 0)
    settings.DEBUG = True
    call_command("load_demo")
    first = counts()
    renewals = Agreement.objects.filter(case_number=FICTITIOUS_CASE_NUMBER).count()
    call_command("load_demo")
    assert counts() == first == (7, 6, 9, 5, 1)
    assert Agreement.objects.filter(case_number=FICTITIOUS_CASE_NUMBER).count() == renewals > 0
    assert "demo-handlaggare-2026" in capsys.readouterr().out
    membership = PartnerMembership.objects.get()
    assert (membership.user.username, membership.partner.name) == (
        "partner",
        "Internationella Kvinnoföreningen",
    )
