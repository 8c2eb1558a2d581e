"""Every page a demo user can reach from the demo data opens, for each demo role.

The permission matrix checks statuses with small fixtures; this walks the real demo
(load_demo: seed agreements, 150 participants, follow-ups, the IKF memo) as the README's
demo users, so a page that breaks on real-looking data is caught.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from participants.models import Participant, Placement
from partnerships.models import Agreement, Partner
from reports.models import FollowUp, Memo
from tests.demo_data import load_once


@pytest.fixture
def demo(db, settings, request):
    def load_demo():
        settings.DEBUG = True  # demo users are made only with DEBUG on
        call_command("load_demo", stdout=open("/dev/null", "w"))
        settings.DEBUG = False

    load_once(request, "load_demo with users", load_demo)  # once per session: tests/demo_data.py
    return get_user_model().objects.in_bulk(field_name="username")


def pages_for_staff():
    agreement = Agreement.objects.get(name="Inkludering på lika villkor", valid_from__year=2023)
    follow_up = FollowUp.objects.first()
    return [
        reverse("partnerships:overview"),
        reverse("partnerships:overview") + "?year=2021",
        agreement.get_absolute_url(),
        reverse("partnerships:partner_list"),
        Partner.objects.first().get_absolute_url(),
        reverse("reports:followup_list") + "?year=2021",
        follow_up.get_absolute_url(),
    ]


@pytest.mark.parametrize(
    ("username", "extra"),
    [
        (
            "handlaggare",
            lambda: [
                reverse("reports:memo_list"),
                Memo.objects.first().get_absolute_url(),
                reverse("partnerships:agreement_edit", args=[Agreement.objects.first().pk]),
            ],
        ),
        (
            "sekreterare",
            lambda: [
                reverse("reports:memo_list"),
                reverse("reports:draft_followup_memo"),
                Memo.objects.first().get_absolute_url(),
            ],
        ),
        (
            "koordinator",
            lambda: [
                reverse("participants:list"),
                Participant.objects.first().get_absolute_url(),
                reverse("participants:agreement_participants", args=[Agreement.objects.first().pk]),
            ],
        ),
    ],
)
def test_municipal_demo_users_open_their_pages(client, demo, username, extra):
    client.force_login(demo[username])
    for url in pages_for_staff() + extra():
        assert client.get(url).status_code == 200, url


def test_the_demo_partner_opens_every_portal_page(client, demo, monkeypatch):
    # in mid-2024, while the demo's IKF agreement runs and people are placed with IKF
    from datetime import date

    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: date(2024, 6, 1))
    client.force_login(demo["partner"])
    home = client.get(reverse("portal:home"))
    assert home.status_code == 200
    opened = 0
    for agreement, _usage in home.context["rows"]:
        page = client.get(reverse("portal:agreement", args=[agreement.pk]))
        assert page.status_code == 200
        for placement in list(page.context["placements"])[:10]:
            assert client.get(reverse("portal:placement", args=[placement.pk])).status_code == 200
            opened += 1
    assert opened >= 10
    assert Placement.objects.filter(notes__author__isnull=True).exists()  # the case that once broke the page
