from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management import call_command

from accounts.models import PartnerMembership
from partnerships.models import Agreement, AgreementParty, Partner


def counts():
    return (
        Agreement.objects.count(),
        Partner.objects.count(),
        AgreementParty.objects.count(),
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
    call_command("load_demo")
    assert counts() == first == (7, 6, 9, 5, 1)
    assert "demo-handlaggare-2026" in capsys.readouterr().out
    membership = PartnerMembership.objects.get()
    assert (membership.user.username, membership.partner.name) == (
        "partner",
        "Internationella Kvinnoföreningen",
    )
