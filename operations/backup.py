"""Backup and restore of the whole system: the database and every stored document.

A backup is a folder:
- `database.dump` (PostgreSQL: `pg_dump --format=custom`) or `database.sqlite3` (SQLite: a copy
  made with SQLite's online backup API, consistent while the application runs);
- `documents/<app>.<model>.<field>/<name>`: every file a FileField refers to, read through the
  storage API (so from the local folder or the S3 bucket alike);
- `manifest.json`: when, from which database, each table's row count, each document's SHA-256.

Restore checks the manifest and every document's SHA-256 before touching anything, refuses a
database that already has tables unless forced, restores the database and the documents, and
then compares every table's row count with the manifest. The memo PDFs (MemoVersion) live in
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
from django.db import connections
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
    counts = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


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
        args, env = _pg_args(connection.settings_dict)
        _run(["pg_dump", "--format=custom", "--no-owner", "--file", str(output / database_file), *args], env)
    elif vendor == "sqlite":
        database_file = "database.sqlite3"
        connection.ensure_connection()
        target = sqlite3.connect(output / database_file)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
    else:
        raise BackupError(f"Backups of {vendor} databases are not supported.")

    documents = []
    for model, field in file_fields():
        label = _label(model, field)
        names = (
            model._default_manager.using(alias)
            .exclude(**{field.name: ""})
            .values_list(field.name, flat=True)
            .distinct()
        )
        for name in sorted(names):
            target = output / DOCUMENTS / label / name
            target.parent.mkdir(parents=True, exist_ok=True)
            with field.storage.open(name, "rb") as source, target.open("wb") as copy:
                shutil.copyfileobj(source, copy)
            documents.append(Document(label, name, _sha256(target), target.stat().st_size).__dict__)

    manifest = {
        "format": FORMAT,
        "created_at": timezone.now().isoformat(),
        "vendor": vendor,
        "database_file": database_file,
        "tables": table_counts(alias),
        "documents": documents,
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
                *(["--clean", "--if-exists"] if existing else []),
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

    counts = table_counts(alias)
    if counts != manifest["tables"]:
        differing = sorted(set(counts.items()) ^ set(manifest["tables"].items()))
        raise BackupError(f"After the restore the row counts differ from the backup's: {differing}")
    return manifest
