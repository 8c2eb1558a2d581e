"""`generate_scale_data` (bench/scale_data.py): the benchmark's data is analysed once made, and
on PostgreSQL the big tables are written with COPY, into rows the database's constraints and
triggers accept, of the same shape as `bulk_create` makes (issue 22)."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Count, F, Q
from django.test.utils import CaptureQueriesContext

from audit.models import AccessLogEntry
from participants.models import Participant, Placement

pytestmark = pytest.mark.django_db

SIZES = {"agreements": 12, "participants": 40, "placements": 90, "access_log": 120}
BIG_TABLES = (Participant, Placement, AccessLogEntry)


def generate() -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        call_command("generate_scale_data", **SIZES, stdout=StringIO())
    return [query["sql"] for query in queries]


def test_it_analyses_the_database_after_the_last_write():
    statements = generate()
    writes = [n for n, sql in enumerate(statements) if sql.lstrip().upper().startswith(("INSERT", "COPY"))]
    assert writes, "generate_scale_data wrote nothing"
    after = [sql.strip().upper() for sql in statements[writes[-1] + 1 :]]
    assert "ANALYZE" in after


def test_it_makes_rows_of_the_same_shape_on_every_database():
    generate()
    assert Participant.objects.filter(last_name__regex=r" \d+$").count() == SIZES["participants"]
    placements = Placement.objects.filter(goals="Svenska i vardagen; arbetsträning")
    assert placements.count() == SIZES["placements"]
    assert AccessLogEntry.objects.count() == SIZES["access_log"]
    # Inside the agreement's validity, one open placement per participant and agreement, the
    # defaults bulk_create would have written.
    assert not placements.exclude(start__gte=F("agreement__valid_from"), start__lte=F("agreement__valid_to"))
    assert placements.filter(actual_end__isnull=True).exists()
    assert placements.filter(actual_end__isnull=False).exists()
    doubles = (
        placements.filter(actual_end__isnull=True)
        .values("participant", "agreement")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
    )
    assert not doubles
    assert not placements.filter(Q(created_at__isnull=True) | ~Q(version=1))
    assert not Participant.objects.filter(Q(created_at__isnull=True) | ~Q(phone="") | ~Q(version=1))
    # The primary keys came from the tables' sequences: the next row gets a new one.
    last = Participant.objects.order_by("pk").last()
    person = Participant.objects.create(personnummer="199001012384", first_name="Ny", last_name="Person")
    assert person.pk > last.pk
    assert (
        AccessLogEntry.objects.filter(participant__in=Participant.objects.all()).count()
        == SIZES["access_log"]
    )


def test_it_copies_the_big_tables_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("COPY is PostgreSQL's; SQLite keeps bulk_create")
    statements = generate()
    tables = [model._meta.db_table for model in BIG_TABLES]
    inserts = [sql for sql in statements if sql.startswith("INSERT") and any(f'"{t}"' in sql for t in tables)]
    assert inserts == []
    assert Placement.objects.count() >= SIZES["placements"]


def test_copy_checks_the_foreign_keys_after_each_batch_and_defers_them_again():
    if connection.vendor != "postgresql":
        pytest.skip("COPY is PostgreSQL's; SQLite keeps bulk_create")
    from django.contrib.auth import get_user_model
    from django.db import IntegrityError, transaction
    from django.utils import timezone

    from bench.bulk_insert import insert_rows
    from bench.scale_data import ACCESS_LOG_COLUMNS

    user = get_user_model().objects.create_user("bench-copy")
    nobody = (timezone.now(), user.pk, 2**31, "list", "participants:participant_list", "/participants/")
    # Checked at the end of the COPY, not left for the commit.
    with pytest.raises(IntegrityError), transaction.atomic():
        insert_rows(AccessLogEntry, ACCESS_LOG_COLUMNS, [nobody])
    # Deferred again afterwards, as Django made them: a row inserted later is checked at commit
    # (check_constraints does what the commit would), not at its INSERT.
    insert_rows(AccessLogEntry, ACCESS_LOG_COLUMNS, [])
    with transaction.atomic():
        entry = AccessLogEntry(**dict(zip(ACCESS_LOG_COLUMNS, nobody, strict=True)))
        AccessLogEntry.objects.bulk_create([entry])
        with pytest.raises(IntegrityError):
            connection.check_constraints()
        transaction.set_rollback(True)
