"""`python manage.py grant_committee ABBR --all-staff-without`: every official, coordinator and
committee secretary who is in no committee becomes a member of committee ABBR.

After an upgrade from the release before committees existed, municipal staff are in no committee
and see nothing. With one committee the migration accounts 0012 fixes that by itself; with several
it cannot guess, and this gives the operator one step for the common case (most staff work for one
committee), leaving the others to the admin's committee memberships page. It only adds: no one
already in a committee is touched, so it can be run again.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts import roles
from accounts.models import CommitteeMembership
from partnerships.models import Committee

NARROWED_ROLES = [roles.OFFICIAL, roles.COORDINATOR, roles.SECRETARY]


class Command(BaseCommand):
    help = "Make every official, coordinator and secretary who is in no committee a member of committee ABBR."

    def add_arguments(self, parser) -> None:
        parser.add_argument("abbreviation", metavar="ABBR", help="The committee's abbreviation, e.g. AN.")
        parser.add_argument(
            "--all-staff-without",
            action="store_true",
            required=True,
            help="Every user in a municipal role (not systemförvaltare) who is in no committee yet.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Only list who would become a member.")

    def handle(self, *args, abbreviation: str, dry_run: bool, **options) -> None:
        try:
            committee = Committee.objects.get(abbreviation__iexact=abbreviation)
        except Committee.DoesNotExist as error:
            known = ", ".join(Committee.objects.values_list("abbreviation", flat=True)) or "none"
            raise CommandError(f"No committee {abbreviation!r}; there are: {known}.") from error
        users = list(
            get_user_model()
            .objects.filter(groups__name__in=NARROWED_ROLES, committee_memberships__isnull=True)
            .distinct()
            .order_by("username")
        )
        if not dry_run:
            with transaction.atomic():
                for user in users:  # one by one: each membership gets its history row
                    CommitteeMembership.objects.create(user=user, committee=committee)
        verb = "Would add" if dry_run else "Added"
        names = ", ".join(user.username for user in users) or "no one"
        self.stdout.write(
            f"{verb} {len(users)} user(s) to {committee.name} ({committee.abbreviation}): {names}."
        )
