"""Existing staff join the municipality's committee when a database is upgraded from the release
before committees existed (issue 21, row 3).

Migration 0008 made committee memberships, empty; since then officials, coordinators and
committee secretaries see only their own committees' agreements, so after such an upgrade every
one of them saw nothing and memo PDFs answered 404. Here, in a database that has no membership at
all (the state 0008 leaves behind) and exactly one committee, every user in one of those roles
becomes a member of it. A database that already has memberships was set up with committees and
is left alone: no one's access changes. With several committees nothing can be guessed; README
(Upgrading) says to run `manage.py grant_committee ABBR --all-staff-without` instead.
Systemförvaltare see every committee without a membership (accounts/access.py).
"""

from django.conf import settings
from django.db import migrations
from django.utils import timezone

# The roles narrowed to their committees (accounts.roles at the time of writing).
NARROWED_ROLES = ["handläggare", "koordinator", "nämndsekreterare"]
REASON = "Upgrade: the only committee, given to existing staff (accounts 0012)"


def grant_the_only_committee(apps, schema_editor) -> None:
    db = schema_editor.connection.alias
    membership = apps.get_model("accounts", "CommitteeMembership")
    history = apps.get_model("accounts", "HistoricalCommitteeMembership")
    committees = list(apps.get_model("partnerships", "Committee").objects.using(db).all()[:2])
    if len(committees) != 1 or membership.objects.using(db).exists():
        return
    committee = committees[0]
    users = (
        apps.get_model(settings.AUTH_USER_MODEL)
        .objects.using(db)
        .filter(groups__name__in=NARROWED_ROLES)
        .distinct()
        .order_by("pk")
    )
    now = timezone.now()
    for user in users:
        made = membership.objects.using(db).create(user=user, committee=committee)
        # The historical model of a migration records nothing by itself; the admin's history
        # of the membership then says where it came from.
        history.objects.using(db).create(
            id=made.pk,
            user_id=user.pk,
            committee_id=committee.pk,
            history_date=now,
            history_type="+",
            history_change_reason=REASON,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0011_merge_20261202_0300"),
        ("partnerships", "0012_merge_20261202_0319"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [migrations.RunPython(grant_the_only_committee, migrations.RunPython.noop, elidable=True)]
