"""Load the seed data and the fictitious demo participants (idempotent) and, with DEBUG on,
one demo user per role.

Beside arbetsmarknadsnämnden's seed agreements the demo has a second, fictitious committee with
one agreement and one official of its own (issue 13), so that each committee's isolation can be
seen: `handlaggare-sn` sees that agreement only, the other municipal demo users (members of
arbetsmarknadsnämnden) never see it, `admin` sees both."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand

from accounts import roles
from accounts.models import CommitteeMembership, PartnerMembership
from core.agreement_changes import agreement_saved
from dashboard import demo as today_demo
from initiatives import demo as initiatives_demo
from participants import demo as participants_demo
from partnerships import demo
from partnerships.models import Agreement, AgreementParty, Committee, Partner
from payments import demo as payments_demo
from reports import demo as reports_demo

# The demo partner user acts for this organisation (docs/domain.md, IKF decision memo).
DEMO_PARTNER_ORGANISATION = "Internationella Kvinnoföreningen"

# username -> (role, first name, last name); passwords are for a developer's machine only.
DEMO_USERS = {
    "handlaggare": (roles.OFFICIAL, "Mikaela", "Handläggare"),
    "koordinator": (roles.COORDINATOR, "Kim", "Koordinator"),
    "sekreterare": (roles.SECRETARY, "Sara", "Sekreterare"),
    "partner": (roles.PARTNER, "Parisa", "Partner"),
    "admin": (roles.ADMINISTRATOR, "Adam", "Admin"),
    "handlaggare-sn": (roles.OFFICIAL, "Sam", "Socialnämnd"),
}

# The second committee (fictitious) and who works for which committee.
SECOND_COMMITTEE = {
    "abbreviation": "SN",
    "name": "Socialnämnden (fiktiv)",
    "administration": "Socialförvaltningen (fiktiv)",
}
SECOND_COMMITTEE_AGREEMENT = "Föräldragrupper i Skäggetorp (fiktiv)"
SECOND_COMMITTEE_PARTNER = "Föreningen Fiktiv Gemenskap"
DEMO_COMMITTEES = {
    "handlaggare": "AN",
    "koordinator": "AN",
    "sekreterare": "AN",
    "handlaggare-sn": "SN",
}


def demo_email(username: str) -> str:
    """A demo user's address on a domain reserved for examples (RFC 2606), never delivered."""
    return f"{username}@demo.example"


def load_second_committee() -> Agreement:
    """Socialnämnden (fiktiv) with one decided agreement with a fictitious association."""
    committee, _ = Committee.objects.update_or_create(
        abbreviation=SECOND_COMMITTEE["abbreviation"],
        defaults={k: v for k, v in SECOND_COMMITTEE.items() if k != "abbreviation"},
    )
    partner, _ = Partner.objects.update_or_create(
        name=SECOND_COMMITTEE_PARTNER, defaults={"kind": Partner.Kind.ASSOCIATION}
    )
    agreement, _ = Agreement.objects.update_or_create(
        name=SECOND_COMMITTEE_AGREEMENT,
        valid_from=date(2025, 1, 1),
        defaults={
            "committee": committee,
            "valid_to": date(2026, 12, 31),
            "purpose": "samtalsgrupper för föräldrar med stöd i vardag och föräldraskap",
            "capacity_amount": Decimal(30),
            "capacity_unit": Agreement.CapacityUnit.INDIVIDUALS_PER_YEAR,
            "value_per_year": Decimal(400_000),
            "committee_cost_per_year": Decimal(200_000),
            "price_level_year": 2025,
            "indexation_percent": Decimal(2),
            "stage": Agreement.Stage.DECIDED,
        },
    )
    AgreementParty.objects.update_or_create(
        agreement=agreement,
        partner=partner,
        defaults={"role": AgreementParty.Role.LEAD, "order": 0, "in_kind_contribution": 200_000},
    )
    agreement_saved(agreement)  # as partnerships.demo: an existing plan follows changed figures
    return agreement


def demo_password(username: str) -> str:
    return f"demo-{username}-2026"


class Command(BaseCommand):
    help = "Load the committee's seed agreements (and demo users when DEBUG is on). Safe to run again."

    def handle(self, *args, **options) -> None:
        agreements = demo.load()
        self.stdout.write(f"Seed data: {len(agreements)} agreements.")
        second = load_second_committee()
        self.stdout.write(f"Second committee (fictitious): {second.committee}, one agreement.")
        participants = participants_demo.load(agreements)
        self.stdout.write(f"Demo data: {len(participants)} fictitious participants.")
        reports = reports_demo.load(agreements)
        self.stdout.write(
            f"Follow-ups 2021: {len(reports['follow_ups'])}; decision memo: {reports['decision_memo'].pk}."
        )
        initiatives = initiatives_demo.load()
        self.stdout.write(f"Initiatives (fictitious): {len(initiatives)}.")
        if not settings.DEBUG:
            self.stdout.write("DEBUG is off: no demo users created.")
            self._load_today(agreements, responsible=None)
            return
        User = get_user_model()
        for username, (role, first_name, last_name) in DEMO_USERS.items():
            user, _ = User.objects.get_or_create(username=username)
            user.first_name, user.last_name = first_name, last_name
            # An address, so the reminders `make run`'s console backend prints reach someone
            # (issue 25: without one a newcomer never saw a reminder e-mailed).
            user.email = demo_email(username)
            user.is_staff = user.is_superuser = role == roles.ADMINISTRATOR
            user.set_password(demo_password(username))
            user.save()
            user.groups.set([Group.objects.get(name=role)])
            if role == roles.PARTNER:
                PartnerMembership.objects.update_or_create(
                    user=user, defaults={"partner": Partner.objects.get(name=DEMO_PARTNER_ORGANISATION)}
                )
            if username in DEMO_COMMITTEES:
                committee = Committee.objects.get(abbreviation=DEMO_COMMITTEES[username])
                CommitteeMembership.objects.get_or_create(user=user, committee=committee)
            self.stdout.write(f"  {username:<14} {demo_password(username):<28} ({role})")
        self._load_today(agreements, responsible=User.objects.get(username="handlaggare"))

    def _load_today(self, agreements, *, responsible) -> None:
        today = today_demo.load(agreements, responsible=responsible)
        self.stdout.write(
            f"Fictitious demo for today: {len(today['renewals'])} renewals, "
            f"{len(today['follow_ups'])} follow-ups, {len(today['placements'])} placements."
        )
        plans = payments_demo.load(by=responsible)
        self.stdout.write(f"Payment plans (fictitious payments until today): {plans}.")
