"""On PostgreSQL the test databases (one per xdist worker) are copies of one database migrated
once (issue 22: the suite's time budget; docs/architecture.md, Migrations). The template is named
after a digest of every installed app's migration files, so a changed or new migration makes a
new one; it is built by the first worker under an advisory lock, under a temporary name renamed
when `migrate` has finished, so a run stopped half-way leaves no template behind. Django then
creates each test database `WITH TEMPLATE` (settings TEST["TEMPLATE"]) and its `migrate` finds
nothing to apply. TEST_DATABASE_TEMPLATE=0 migrates every test database as before."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import django
import psycopg
from django.apps import apps
from django.conf import settings

LOCK = 7_200_314_001  # pg_advisory_lock key: building the template

# Code the data migrations run as it is today, not as it was when they were written: the roles'
# groups and permissions (`sync_roles`). A change there without a migration must still make a new
# template, or the tests would see yesterday's roles.
READ_BY_MIGRATIONS = ("accounts/roles.py",)


def digest() -> str:
    sha = hashlib.sha256(django.get_version().encode())
    for app in sorted(apps.get_app_configs(), key=lambda app: app.label):
        for path in sorted(Path(app.path).glob("migrations/*.py")):
            sha.update(f"{app.label}/{path.name}\n".encode())
            sha.update(path.read_bytes())
    for name in READ_BY_MIGRATIONS:
        sha.update(f"{name}\n".encode())
        sha.update((Path(settings.BASE_DIR) / name).read_bytes())
    return sha.hexdigest()[:12]


def url(database: dict, name: str) -> str:
    credentials = quote(database.get("USER") or "", safe="")
    if database.get("PASSWORD"):
        credentials += ":" + quote(database["PASSWORD"], safe="")
    host = database.get("HOST") or "localhost"
    port = f":{database['PORT']}" if database.get("PORT") else ""
    return f"postgres://{credentials}@{host}{port}/{name}"


def use_template(database: dict) -> None:
    """Build the template if it is missing and let Django copy it for the test database."""
    if (
        database["ENGINE"] != "django.db.backends.postgresql"
        or os.environ.get("TEST_DATABASE_TEMPLATE") == "0"
    ):
        return
    prefix = f"test_{database['NAME']}_migrated_"
    name = (prefix + digest())[-63:]
    building = name[:-4] + "_new"
    connect = {
        "host": database.get("HOST") or None,
        "port": database.get("PORT") or None,
        "user": database.get("USER") or None,
        "password": database.get("PASSWORD") or None,
        "dbname": "postgres",
        "autocommit": True,
    }
    with psycopg.connect(**connect) as connection:
        connection.execute("SELECT pg_advisory_lock(%s)", [LOCK])
        try:
            exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if not exists:
                for (stale,) in connection.execute(
                    "SELECT datname FROM pg_database WHERE datname LIKE %s",
                    [prefix.replace("_", r"\_") + "%"],
                ).fetchall():
                    connection.execute(f'DROP DATABASE IF EXISTS "{stale}"')
                connection.execute(f'CREATE DATABASE "{building}"')
                subprocess.run(
                    [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
                    cwd=settings.BASE_DIR,
                    env={**os.environ, "DATABASE_URL": url(database, building)},
                    check=True,
                )
                connection.execute(f'ALTER DATABASE "{building}" RENAME TO "{name}"')
        finally:
            connection.execute("SELECT pg_advisory_unlock(%s)", [LOCK])
    database.setdefault("TEST", {})["TEMPLATE"] = name
