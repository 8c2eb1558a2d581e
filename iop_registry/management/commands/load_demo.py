"""Load the seed data and the fictitious demo participants (idempotent) and, with DEBUG on,
one demo user per role."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand

from accounts import roles
from accounts.models import PartnerMembership
from dashboard import demo as today_demo
from participants import demo as participants_demo
from partnerships import demo
from partnerships.models import Partner
from reports import demo as reports_demo

# The demo partner user acts for this organisation (seed 003).
DEMO_PARTNER_ORGANISATION = "Internationella Kvinnoföreningen"

# username -> (role, first name, last name); passwords are for a developer's machine only.
DEMO_USERS = {
    "handlaggare": (roles.OFFICIAL, "Mikaela", "Handläggare"),
    "koordinator": (roles.COORDINATOR, "Kim", "Koordinator"),
    "sekreterare": (roles.SECRETARY, "Sara", "Sekreterare"),
    "partner": (roles.PARTNER, "Parisa", "Partner"),
    "admin": (roles.ADMINISTRATOR, "Adam", "Admin"),
}


def demo_password(username: str) -> str:
    return f"demo-{username}-2026"


class Command(BaseCommand):
    help = "Load the committee's seed agreements (and demo users when DEBUG is on). Safe to run again."

    def handle(self, *args, **options) -> None:
        agreements = demo.load()
        self.stdout.write(f"Seed data: {len(agreements)} agreements.")
        participants = participants_demo.load(agreements)
        self.stdout.write(f"Demo data: {len(participants)} fictitious participants.")
        reports = reports_demo.load(agreements)
        self.stdout.write(
            f"Follow-ups 2021: {len(reports['follow_ups'])}; decision memo: {reports['decision_memo'].pk}."
        )
        if not settings.DEBUG:
            self.stdout.write("DEBUG is off: no demo users created.")
            self._load_today(agreements, responsible=None)
            return
        User = get_user_model()
        for username, (role, first_name, last_name) in DEMO_USERS.items():
            user, _ = User.objects.get_or_create(username=username)
            user.first_name, user.last_name = first_name, last_name
            user.is_staff = user.is_superuser = role == roles.ADMINISTRATOR
            user.set_password(demo_password(username))
            user.save()
            user.groups.set([Group.objects.get(name=role)])
            if role == roles.PARTNER:
                PartnerMembership.objects.update_or_create(
                    user=user, defaults={"partner": Partner.objects.get(name=DEMO_PARTNER_ORGANISATION)}
                )
            self.stdout.write(f"  {username:<12} {demo_password(username):<26} ({role})")
        self._load_today(agreements, responsible=User.objects.get(username="handlaggare"))

    def _load_today(self, agreements, *, responsible) -> None:
        today = today_demo.load(agreements, responsible=responsible)
        self.stdout.write(
            f"Fictitious demo for today: {len(today['renewals'])} renewals, "
            f"{len(today['follow_ups'])} follow-ups, {len(today['placements'])} placements."
        )
