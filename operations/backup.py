"""Backup and restore of the whole system: the database and every stored document.

A backup is a folder:
- `database.dump` (PostgreSQL: `pg_dump --format=custom`) or `database.sqlite3` (SQLite: a copy
  made with SQLite's online backup API, consistent while the application runs);
- `documents/<app>.<model>.<field>/<name>`: every file a FileField refers to, read through the
  storage API (so from the local folder or the S3 bucket alike);
- `manifest.json`: when, from which database, each table's row count, each document's SHA-256.

The dump, the row counts and the list of documents come from one snapshot of the database, so a
backup taken while people work is consistent (issue 21, row 2: counted after `pg_dump`, in a later
snapshot, the counts held rows the dump had not, and the restore failed). PostgreSQL: one
REPEATABLE READ transaction exports its snapshot, `pg_dump --snapshot` dumps exactly it while the
transaction stays open, and the same transaction counts the rows and lists the documents. SQLite:
the copy made with the backup API is the snapshot; the counts and the list are read from the copy.
A document uploaded after the snapshot is not in the backup, as its row is not; a document the
snapshot lists must be copied, or the backup fails.

Restore checks the manifest and every document's SHA-256 before touching anything, refuses a
database that already has tables unless forced, restores the database, compares every table's
row count with the manifest and only then restores the documents. A database whose counts
differ is emptied again, so a failed restore leaves no half-state behind, and the error names
each table that differs. The memo PDFs (MemoVersion) live in
the database as bytes with their SHA-256, so the database restore brings them back unchanged.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.core.files import File
from django.db import connections, transaction
from django.db.models import FileField
from django.utils import timezone

FORMAT = 1
MANIFEST = "manifest.json"
DOCUMENTS = "documents"


class BackupError(Exception):
    """Something that stops a backup or restore; the message says what, for the operator."""


@dataclass(frozen=True)
class Document:
    field: str  # "app_label.Model.field"
    name: str
    sha256: str
    size: int


def file_fields() -> list[tuple[type, FileField]]:
    """Every FileField of every installed model (attachments today; whatever comes later)."""
    return [
        (model, field)
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, FileField) and field.concrete
    ]


def _label(model, field) -> str:
    return f"{model._meta.label}.{field.name}"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def table_counts(alias: str = "default") -> dict[str, int]:
    """Rows in each table of the database, by table name."""
    connection = connections[alias]
    with connection.cursor() as cursor:
        return _counts(cursor, connection)


def _counts(cursor, connection) -> dict[str, int]:
    """Rows in each table, read through `cursor`: Django's own or one on the SQLite copy (the
    introspection query and the quoting are the same for both)."""
    counts = {}
    for table in sorted(connection.introspection.table_names(cursor)):
        cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
        counts[table] = cursor.fetchone()[0]
    return counts


def _document_names(cursor, connection) -> dict[str, list[str]]:
    """The stored files each FileField's rows refer to, read through `cursor` (in the snapshot)."""
    quote = connection.ops.quote_name
    names = {}
    for model, field in file_fields():
        column, table = quote(field.column), quote(model._meta.db_table)
        cursor.execute(f"SELECT DISTINCT {column} FROM {table} WHERE {column} IS NOT NULL AND {column} <> ''")
        names[_label(model, field)] = sorted(row[0] for row in cursor.fetchall())
    return names


def _pg_args(settings_dict: dict) -> tuple[list[str], dict[str, str]]:
    args = ["--dbname", settings_dict["NAME"]]
    if settings_dict.get("HOST"):
        args += ["--host", settings_dict["HOST"]]
    if settings_dict.get("PORT"):
        args += ["--port", str(settings_dict["PORT"])]
    if settings_dict.get("USER"):
        args += ["--username", settings_dict["USER"]]
    env = {**os.environ}
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = settings_dict["PASSWORD"]
    return args, env


def _run(command: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip()}")


def _dump_postgresql(target: Path, alias: str) -> tuple[dict[str, int], dict[str, list[str]]]:
    """`pg_dump` of one exported snapshot, and the row counts and documents of that same snapshot."""
    connection = connections[alias]
    with transaction.atomic(using=alias), connection.cursor() as cursor:
        # The first statement of the transaction; PostgreSQL refuses it anywhere else.
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        args, env = _pg_args(connection.settings_dict)
        # The snapshot can be imported only while the transaction that exported it is open.
        _run(
            [
                "pg_dump",
                "--format=custom",
                "--no-owner",
                f"--snapshot={snapshot}",
                "--file",
                str(target),
                *args,
            ],
            env,
        )
        return _counts(cursor, connection), _document_names(cursor, connection)


def _dump_sqlite(target: Path, alias: str) -> tuple[dict[str, int], dict[str, list[str]]]:
    """A copy made with SQLite's backup API, and the row counts and documents read from the copy."""
    connection = connections[alias]
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)
        cursor = copy.cursor()
        return _counts(cursor, connection), _document_names(cursor, connection)
    finally:
        copy.close()


def _copy_documents(names: dict[str, list[str]], output: Path) -> list[dict]:
    """Each listed document, read through its storage into `output`, with its SHA-256."""
    fields = {_label(model, field): field for model, field in file_fields()}
    documents = []
    for label, listed in names.items():
        storage = fields[label].storage
        for name in listed:
            target = output / DOCUMENTS / label / name
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                with storage.open(name, "rb") as source, target.open("wb") as copy:
                    shutil.copyfileobj(source, copy)
            except OSError as error:  # FileNotFoundError too
                raise BackupError(
                    f"Document {name} ({label}) is in the database but could not be read from its "
                    f"storage: {error}"
                ) from error
            documents.append(Document(label, name, _sha256(target), target.stat().st_size).__dict__)
    return documents


def backup(output: Path, *, alias: str = "default") -> dict:
    """Write a backup of the database `alias` and all documents into the folder `output`."""
    output = Path(output)
    if output.exists() and any(output.iterdir()):
        raise BackupError(f"{output} is not empty: choose a new folder for each backup.")
    output.mkdir(parents=True, exist_ok=True)
    connection = connections[alias]
    if connection.in_atomic_block:
        # SQLite's backup would wait for our own uncommitted writes for ever; pg_dump, another
        # process, would not see them. A backup is taken of what is committed.
        raise BackupError("A backup cannot be taken inside a transaction.")
    vendor = connection.vendor
    if vendor == "postgresql":
        database_file = "database.dump"
        counts, names = _dump_postgresql(output / database_file, alias)
    elif vendor == "sqlite":
        database_file = "database.sqlite3"
        counts, names = _dump_sqlite(output / database_file, alias)
    else:
        raise BackupError(f"Backups of {vendor} databases are not supported.")

    manifest = {
        "format": FORMAT,
        "created_at": timezone.now().isoformat(),
        "vendor": vendor,
        "database_file": database_file,
        "tables": counts,
        "documents": _copy_documents(names, output),
    }
    (output / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False))
    return manifest


def read_manifest(source: Path) -> dict:
    """The backup's manifest, after checking that every file it lists is there and whole."""
    source = Path(source)
    try:
        manifest = json.loads((source / MANIFEST).read_text())
    except FileNotFoundError as error:
        raise BackupError(
            f"{source} has no {MANIFEST}: it is not a backup made by `manage.py backup`."
        ) from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
    if not (source / manifest["database_file"]).is_file():
        raise BackupError(f"The backup lacks its database file {manifest['database_file']}.")
    for document in manifest["documents"]:
        path = source / DOCUMENTS / document["field"] / document["name"]
        if not path.is_file() or _sha256(path) != document["sha256"]:
            raise BackupError(f"Document {document['name']} is missing from the backup or damaged (SHA-256).")
    return manifest


def restore(source: Path, *, alias: str = "default", force: bool = False) -> dict:
    """Restore a backup made by `backup` into the database `alias` and the documents' storages.

    Refuses a database that has any table unless `force`, which first drops every table.
    """
    source = Path(source)
    manifest = read_manifest(source)
    connection = connections[alias]
    if manifest["vendor"] != connection.vendor:
        raise BackupError(
            f"The backup is of a {manifest['vendor']} database; this one is {connection.vendor}."
        )
    with connection.cursor() as cursor:
        existing = connection.introspection.table_names(cursor)
    if existing and not force:
        raise BackupError(
            f"The database already has {len(existing)} tables. Restore into an empty database, "
            "or add --force to replace everything in it."
        )

    database_file = source / manifest["database_file"]
    if connection.vendor == "postgresql":
        if existing:
            with connection.cursor() as cursor:
                cursor.execute(
                    "DROP TABLE IF EXISTS "
                    + ", ".join(connection.ops.quote_name(t) for t in existing)
                    + " CASCADE"
                )
        connection.close()
        args, env = _pg_args(connection.settings_dict)
        _run(
            [
                "pg_restore",
                "--no-owner",
                "--single-transaction",
                "--exit-on-error",
                # Also into a database without tables: a failed restore (`_empty`) leaves the
                # trigger functions it made, which the dump would otherwise create again and fail.
                "--clean",
                "--if-exists",
                *args,
                str(database_file),
            ],
            env,
        )
    else:
        connection.ensure_connection()
        backup_copy = sqlite3.connect(database_file)
        try:
            # Replaces the whole destination database, page by page.
            backup_copy.backup(connection.connection)
        finally:
            backup_copy.close()
        connection.close()

    _check_counts(manifest["tables"], alias)

    fields = {_label(model, field): field for model, field in file_fields()}
    for document in manifest["documents"]:
        field = fields.get(document["field"])
        if field is None:
            raise BackupError(
                f"This version has no file field {document['field']} to restore documents into."
            )
        storage, name = field.storage, document["name"]
        if storage.exists(name):
            storage.delete(name)
        with (source / DOCUMENTS / document["field"] / name).open("rb") as f:
            saved = storage.save(name, File(f, name=name))
        if saved != name:
            raise BackupError(f"Document {name} was stored as {saved}; the database refers to {name}.")
    return manifest


def _check_counts(expected: dict[str, int], alias: str) -> None:
    """Compare the restored database's row counts with the manifest's, before any document is
    restored. When they differ the database is emptied again: an operator finds either the whole
    backup or nothing, never a database that looks restored but lacks rows."""
    counts = table_counts(alias)
    if counts == expected:
        return
    differences = [
        f"{table}: {counts[table] if table in counts else 'no table'} restored, "
        f"{expected[table] if table in expected else 'no table'} in the backup"
        for table in sorted(set(counts) | set(expected))
        if counts.get(table) != expected.get(table)
    ]
    _empty(alias)
    raise BackupError(
        "The restored database does not match the backup's manifest, so it was emptied again and no "
        "documents were restored. Rows per table: " + "; ".join(differences) + "."
    )


def _empty(alias: str) -> None:
    """Drop everything the restore put into the database `alias`."""
    connection = connections[alias]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            tables = connection.introspection.table_names(cursor)
            if tables:
                cursor.execute(
                    "DROP TABLE IF EXISTS "
                    + ", ".join(connection.ops.quote_name(t) for t in tables)
                    + " CASCADE"
                )
    else:
        connection.ensure_connection()
        empty = sqlite3.connect(":memory:")
        try:
            empty.backup(connection.connection)  # an empty database, page for page
        finally:
            empty.close()
        connection.close()
