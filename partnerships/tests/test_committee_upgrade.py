"""An upgrade from the release before committees existed gives existing staff the committee
(issue 21, row 3): migration accounts 0012 with one committee, `grant_committee` with several."""

from __future__ import annotations

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse

from accounts import roles
from accounts.models import CommitteeMembership
from conftest import make_user
from participants.tests.factories import AgreementFactory, CommitteeFactory
from partnerships.models import Committee
from tests import replaced_migrations

BEFORE_COMMITTEES = [("accounts", "0007_audit_roles")]
MIGRATION = importlib.import_module("accounts.migrations.0012_committee_for_staff_after_upgrade")


def migrate(targets) -> replaced_migrations.MigrationExecutor:
    executor = replaced_migrations.executor(connection)
    executor.loader.build_graph()
    executor.migrate(targets or executor.loader.graph.leaf_nodes())
    executor.loader.build_graph()
    return executor


@pytest.mark.committee_isolation
@pytest.mark.django_db(transaction=True)
def test_an_upgrade_from_before_committees_gives_the_staff_the_only_committee(client, django_user_model):
    executor = migrate(BEFORE_COMMITTEES)
    # The database as that release had it: the tables of every migration still applied.
    old = executor.loader.project_state(list(executor.loader.applied_migrations)).apps
    committee = old.get_model("partnerships", "Committee").objects.create(
        name="Arbetsmarknadsnämnden", abbreviation="AN", administration="Arbetsmarknadsförvaltningen"
    )

    # get_or_create: a transactional test before this one may have flushed the role groups
    def group(name):
        return old.get_model("auth", "Group").objects.get_or_create(name=name)[0]

    user = old.get_model("auth", "User").objects.create_user
    for username, role in [
        ("alice", roles.OFFICIAL),
        ("bob", roles.COORDINATOR),
        ("charlie", roles.SECRETARY),
        ("erik", roles.ADMINISTRATOR),
        ("dana", roles.PARTNER),
    ]:
        user(username=username, password="x").groups.add(group(name=role))
    user(username="nobody", password="x")

    migrate(None)

    members = set(CommitteeMembership.objects.values_list("user__username", "committee_id"))
    assert members == {("alice", committee.pk), ("bob", committee.pk), ("charlie", committee.pk)}
    history = CommitteeMembership.history.filter(user__username="alice").get()
    assert history.history_change_reason == MIGRATION.REASON
    # The official sees the committee's agreement again (it answered 404 before).
    agreement = AgreementFactory(committee=Committee.objects.get(pk=committee.pk))
    client.force_login(django_user_model.objects.get(username="alice"))
    assert client.get(reverse("partnerships:agreement_detail", args=[agreement.pk])).status_code == 200


def run_migration() -> None:
    MIGRATION.grant_the_only_committee(apps, SimpleNamespace(connection=connection))


@pytest.mark.committee_isolation
def test_a_database_with_memberships_keeps_everyones_access(db, django_user_model):
    """Set up with committees already: a user left without one stays without (and it is idempotent)."""
    committee = CommitteeFactory()
    member = make_user(django_user_model, "alice", roles.OFFICIAL)
    CommitteeMembership.objects.create(user=member, committee=committee)
    make_user(django_user_model, "bob", roles.COORDINATOR)
    run_migration()
    run_migration()
    assert list(CommitteeMembership.objects.values_list("user__username", flat=True)) == ["alice"]


@pytest.mark.committee_isolation
def test_with_several_committees_the_migration_guesses_nothing(db, django_user_model):
    CommitteeFactory()
    CommitteeFactory(name="Socialnämnden", abbreviation="SN")
    make_user(django_user_model, "alice", roles.OFFICIAL)
    run_migration()
    assert not CommitteeMembership.objects.exists()


@pytest.mark.committee_isolation
def test_grant_committee_adds_the_staff_in_no_committee(db, django_user_model, capsys):
    CommitteeFactory()
    sn = CommitteeFactory(name="Socialnämnden", abbreviation="SN")
    make_user(django_user_model, "alice", roles.OFFICIAL)
    make_user(django_user_model, "charlie", roles.SECRETARY)
    bob = make_user(django_user_model, "bob", roles.COORDINATOR)
    CommitteeMembership.objects.create(user=bob, committee=sn)
    make_user(django_user_model, "dana", roles.PARTNER)
    make_user(django_user_model, "erik", roles.ADMINISTRATOR)

    call_command("grant_committee", "sn", "--all-staff-without", "--dry-run")
    assert "Would add 2 user(s)" in capsys.readouterr().out
    assert CommitteeMembership.objects.count() == 1

    call_command("grant_committee", "an", "--all-staff-without")
    call_command("grant_committee", "an", "--all-staff-without")
    assert set(CommitteeMembership.objects.values_list("user__username", "committee__abbreviation")) == {
        ("alice", "AN"),
        ("charlie", "AN"),
        ("bob", "SN"),
    }
    assert "Added 0 user(s)" in capsys.readouterr().out.splitlines()[-1]
    with pytest.raises(CommandError, match="AN, SN"):
        call_command("grant_committee", "XX", "--all-staff-without")
