"""The append-only tables hold against TRUNCATE, and against the application's own database
role (issue 8, item 7; README "Production"): a role that does not own the tables and has only
what the application needs can write the log but not empty it, change it or switch off its
triggers. PostgreSQL only: SQLite has neither roles nor these triggers."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import DatabaseError, connection, transaction

from audit.models import AccessLogEntry, RetentionRun
from audit.services import Page, log_access
from participants.tests.factories import ParticipantFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="roles and triggers: PostgreSQL only"),
]

TABLES = ["audit_accesslogentry", "audit_retentionrun"]


@pytest.fixture
def rows(coordinator):
    log_access(
        user=coordinator,
        participants=[ParticipantFactory()],
        page=Page("participants:detail", "/p/1/"),
        action="view",
    )
    RetentionRun.objects.create(retention_months=60, cutoff=date(2021, 1, 1))


def refused(sql: str) -> str:
    """Run `sql` in a savepoint; the database's refusal (the test fails if it is accepted)."""
    with pytest.raises(DatabaseError) as error, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql)
    return str(error.value)


@pytest.mark.parametrize("table", TABLES)
def test_truncate_is_refused_even_to_the_owner(rows, table):
    with connection.cursor() as cursor:
        # The rows' deferred foreign-key checks would refuse a TRUNCATE in this transaction
        # for a reason of their own; run them now, so that only the trigger is left to refuse.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    assert "append_only" in refused(f"TRUNCATE {table} CASCADE")
    assert (AccessLogEntry.objects.count(), RetentionRun.objects.count()) == (1, 1)


@pytest.fixture
def app_role(rows):
    """A role set up as README "Production" says the application's is: it owns nothing, and may
    read and write rows (the other tables need UPDATE and DELETE; the triggers refuse them on
    the audit tables). Created inside the test's transaction, so it is gone afterwards."""
    role = f"iop_app_{connection.settings_dict['NAME']}"[:63]
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE ROLE "{role}" NOLOGIN')
        cursor.execute(f'GRANT USAGE ON SCHEMA public TO "{role}"')
        cursor.execute(f'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "{role}"')
        cursor.execute(f'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO "{role}"')
        cursor.execute(f'SET ROLE "{role}"')
    yield role
    with connection.cursor() as cursor:
        cursor.execute("RESET ROLE")


def test_the_application_role_can_write_the_log(app_role, coordinator):
    log_access(
        user=coordinator,
        participants=[ParticipantFactory()],
        page=Page("participants:list", "/p/"),
        action="list",
    )
    assert AccessLogEntry.objects.count() == 2


@pytest.mark.parametrize("table", TABLES)
def test_the_application_role_cannot_empty_change_or_unguard_the_tables(app_role, table):
    assert "permission denied" in refused(f"TRUNCATE {table}")
    assert "permission denied" in refused(f"SET LOCAL audit.allow_truncate = 'on'; TRUNCATE {table}")
    assert "append_only" in refused(f"DELETE FROM {table}")
    assert "append_only" in refused(f"UPDATE {table} SET id = id")
    for sql in (
        f"ALTER TABLE {table} DISABLE TRIGGER {table}_append_only",
        f"ALTER TABLE {table} DISABLE TRIGGER {table}_no_truncate",
        f"ALTER TABLE {table} DISABLE TRIGGER ALL",
        f"DROP TRIGGER {table}_append_only ON {table}",
    ):
        assert "must be owner" in refused(sql), sql
    assert "permission denied" in refused("SET session_replication_role = replica")  # fires no triggers
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {table}")
        assert cursor.fetchone() == (1,)
