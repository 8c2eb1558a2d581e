"""`manage.py backup` and `manage.py restore`: a round trip into an empty database loses nothing.

The restore runs as its own process (`manage.py restore`) against a second, empty database, as
an operator's restore drill would; the test then reads that database directly and compares every
table's row count, every memo version's SHA-256 and every attachment's SHA-256 with the source.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection, connections

from audit.models import AccessLogEntry
from audit.services import Page, log_access
from operations import backup as backup_module
from operations.backup import BackupError, read_manifest, table_counts
from participants import demo as participants_demo
from participants.models import Participant
from partnerships import demo as partnerships_demo
from partnerships.models import AgreementAttachment, attachments_storage
from reports import demo as reports_demo
from reports.models import Memo, MemoVersion

BASE_DIR = Path(__file__).resolve().parents[2]


def fill() -> None:
    """The seed agreements, demo participants, follow-ups and memos, two exported memo versions
    and three attachments (one of them 2 MB)."""
    agreements = partnerships_demo.load()
    participants_demo.load(agreements)
    reports_demo.load(agreements)
    memo = Memo.objects.first()
    for number, body in ((1, b"%PDF-1.7 first export"), (2, b"%PDF-1.7 second export \x00\xff")):
        MemoVersion.objects.create(
            memo=memo, number=number, pdf=body, sha256=hashlib.sha256(body).hexdigest(), size=len(body)
        )
    agreement = next(iter(agreements.values()))
    for i, body in enumerate([b"%PDF-1.4 signed", b"PK\x03\x04 appendix", os.urandom(2 * 1024 * 1024)]):
        name = attachments_storage().save(f"agreements/{agreement.pk}/doc{i}", ContentFile(body))
        AgreementAttachment.objects.create(
            agreement=agreement,
            file=name,
            original_name=f"doc{i}.pdf",
            content_type="application/pdf",
            size=len(body),
            sha256=hashlib.sha256(body).hexdigest(),
        )


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def child_env(database_url: str, media: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"S3_BUCKET", "REDIS_URL"}}
    return {**env, "DATABASE_URL": database_url, "PRIVATE_MEDIA_ROOT": str(media), "DEBUG": "0"}


class Target:
    """The empty database restored into, read directly (not through Django's connection)."""

    def __init__(self, tmp_path: Path):
        self.vendor = connection.vendor
        if self.vendor == "postgresql":
            import psycopg

            self.settings = {
                **connection.settings_dict,
                "NAME": connection.settings_dict["NAME"] + "_restore",
            }
            self._admin = psycopg.connect(self._conninfo("postgres"), autocommit=True)
            self._admin.execute(f'DROP DATABASE IF EXISTS "{self.settings["NAME"]}"')
            self._admin.execute(f'CREATE DATABASE "{self.settings["NAME"]}"')
            s = self.settings
            self.url = f"postgres://{s['USER']}:{s['PASSWORD']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"
        else:
            self.path = tmp_path / "restored.sqlite3"
            self.url = f"sqlite:///{self.path}"

    def _conninfo(self, name: str) -> str:
        from psycopg.conninfo import make_conninfo

        s = self.settings
        return make_conninfo(
            host=s["HOST"] or "127.0.0.1",
            port=s["PORT"] or 5432,
            user=s["USER"],
            password=s["PASSWORD"],
            dbname=name,
        )

    def query(self, sql: str) -> list[tuple]:
        if self.vendor == "postgresql":
            import psycopg

            with psycopg.connect(self._conninfo(self.settings["NAME"])) as conn:
                return [tuple(row) for row in conn.execute(sql).fetchall()]
        with sqlite3.connect(self.path) as conn:
            return conn.execute(sql).fetchall()

    def drop(self) -> None:
        if self.vendor == "postgresql":
            self._admin.execute(f'DROP DATABASE IF EXISTS "{self.settings["NAME"]}" WITH (FORCE)')
            self._admin.close()


@pytest.fixture
def target(tmp_path):
    target = Target(tmp_path)
    yield target
    target.drop()


@pytest.mark.django_db(transaction=True)  # pg_dump reads what is committed
def test_a_restore_into_an_empty_database_is_identical(tmp_path, target):
    fill()
    call_command("backup", output=tmp_path / "backup")
    source_counts = table_counts()
    assert (
        source_counts["reports_memoversion"] == 2 and source_counts["partnerships_agreementattachment"] == 3
    )
    versions = dict(MemoVersion.objects.values_list("pk", "sha256"))
    attachments = dict(AgreementAttachment.objects.values_list("file", "sha256"))

    media = tmp_path / "restored-media"
    done = manage("restore", str(tmp_path / "backup"), env=child_env(target.url, media))
    assert done.returncode == 0, done.stderr
    assert "same row counts" in done.stdout

    restored_counts = {
        table: target.query(f'SELECT COUNT(*) FROM "{table}"')[0][0] for table in source_counts
    }
    assert restored_counts == source_counts
    rows = target.query("SELECT id, sha256, pdf FROM reports_memoversion")
    assert {pk: sha for pk, sha, _ in rows} == versions
    assert {pk: hashlib.sha256(bytes(pdf)).hexdigest() for pk, _, pdf in rows} == versions
    assert {
        name: hashlib.sha256((media / "attachments" / name).read_bytes()).hexdigest() for name in attachments
    } == attachments

    # The restored database is no longer empty: a second restore is refused, unless forced.
    again = manage("restore", str(tmp_path / "backup"), env=child_env(target.url, media))
    assert again.returncode != 0
    assert "--force" in again.stderr
    forced = manage("restore", str(tmp_path / "backup"), "--force", env=child_env(target.url, media))
    assert forced.returncode == 0, forced.stderr
    assert target.query("SELECT COUNT(*) FROM reports_memoversion")[0][0] == 2


@pytest.mark.django_db(transaction=True)  # a backup reads committed data only
def test_restore_refuses_a_database_with_tables(tmp_path):
    fill()
    call_command("backup", output=tmp_path / "backup")
    with pytest.raises(CommandError, match="--force"):
        call_command("restore", tmp_path / "backup")


@pytest.mark.django_db(transaction=True)
def test_a_damaged_document_stops_the_restore_before_anything_changes(tmp_path):
    fill()
    call_command("backup", output=tmp_path / "backup")
    manifest = read_manifest(tmp_path / "backup")
    damaged = (
        tmp_path
        / "backup"
        / "documents"
        / manifest["documents"][0]["field"]
        / manifest["documents"][0]["name"]
    )
    damaged.write_bytes(b"not what was backed up")
    with pytest.raises(BackupError, match="damaged"):
        read_manifest(tmp_path / "backup")


def test_backup_wants_an_empty_folder(db, tmp_path):
    (tmp_path / "backup").mkdir()
    (tmp_path / "backup" / "old").write_text("x")
    with pytest.raises(CommandError, match="not empty"):
        call_command("backup", output=tmp_path / "backup")


def work(user) -> None:
    """What people do while a backup runs, on another connection (another thread): officials
    open participant lists (access-log rows) and someone uploads a document."""
    try:
        log_access(
            user=user,
            participants=Participant.objects.values_list("pk", flat=True)[:40],
            page=Page("participants:list", "/participants/"),
            action="list",
        )
        agreement = AgreementAttachment.objects.first().agreement
        name = attachments_storage().save(f"agreements/{agreement.pk}/late", ContentFile(b"%PDF late"))
        AgreementAttachment.objects.create(
            agreement=agreement, file=name, original_name="late.pdf", content_type="application/pdf", size=9
        )
    finally:
        connections.close_all()


@pytest.mark.django_db(transaction=True)  # pg_dump and the other thread read what is committed
def test_a_backup_taken_while_people_work_restores_with_equal_counts(
    tmp_path, target, monkeypatch, django_user_model
):
    """Issue 21, row 2: writes that land after the dump but before the counting (the old code
    counted in a later snapshot) are in neither the dump nor the manifest, so the restore matches."""
    fill()
    user = django_user_model.objects.create_user(username="worker")
    before = {"log": AccessLogEntry.objects.count(), "attachments": AgreementAttachment.objects.count()}
    listing = backup_module.file_fields
    calls = []

    def people_work_meanwhile():
        if not calls:  # after the database is dumped, before its documents are listed
            thread = threading.Thread(target=work, args=(user,))
            thread.start()
            thread.join()
        calls.append(1)
        return listing()

    monkeypatch.setattr(backup_module, "file_fields", people_work_meanwhile)
    manifest = backup_module.backup(tmp_path / "backup")

    assert calls, "the writes were not made during the backup"
    assert AccessLogEntry.objects.count() == before["log"] + 40
    assert manifest["tables"]["audit_accesslogentry"] == before["log"]
    assert manifest["tables"]["partnerships_agreementattachment"] == before["attachments"]
    assert len(manifest["documents"]) == before["attachments"]

    media = tmp_path / "restored-media"
    done = manage("restore", str(tmp_path / "backup"), env=child_env(target.url, media))
    assert done.returncode == 0, done.stderr
    restored = {table: target.query(f'SELECT COUNT(*) FROM "{table}"')[0][0] for table in manifest["tables"]}
    assert restored == manifest["tables"]
    assert sorted(p.name for p in (media / "attachments").rglob("*") if p.is_file()) == sorted(
        Path(d["name"]).name for d in manifest["documents"]
    )


@pytest.mark.django_db(transaction=True)
def test_a_restore_whose_counts_differ_says_which_and_leaves_an_empty_database(tmp_path, target):
    """A restore that does not match its manifest names each table that differs and empties the
    database again, restoring no document: never a database that looks restored but lacks rows."""
    fill()
    call_command("backup", output=tmp_path / "backup")
    manifest_path = tmp_path / "backup" / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    logged = manifest["tables"]["audit_accesslogentry"]
    manifest["tables"]["audit_accesslogentry"] = logged + 124
    manifest_path.write_text(json.dumps(manifest))
    manifest["tables"]["audit_accesslogentry"] = logged
    media = tmp_path / "restored-media"

    failed = manage("restore", str(tmp_path / "backup"), env=child_env(target.url, media))

    assert failed.returncode != 0
    assert f"audit_accesslogentry: {logged} restored, {logged + 124} in the backup" in failed.stderr
    assert "emptied" in failed.stderr
    tables = (
        "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'"
        if target.vendor == "postgresql"
        else "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'"
    )
    assert target.query(tables) == [(0,)]
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))
    # Empty, not half-done: the same database takes the backup's own manifest at the next try.
    manifest_path.write_text(json.dumps(manifest))
    done = manage("restore", str(tmp_path / "backup"), env=child_env(target.url, media))
    assert done.returncode == 0, done.stderr
    assert target.query('SELECT COUNT(*) FROM "audit_accesslogentry"') == [(logged,)]
    assert len([p for p in media.rglob("*") if p.is_file()]) == len(manifest["documents"])
