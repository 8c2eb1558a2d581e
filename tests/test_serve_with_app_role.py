"""`make serve` with the README's two database roles (issue 21, row 18): the application role
owns nothing and cannot create tables, so `migrate` runs with the owner's URL
(MIGRATE_DATABASE_URL) and the worker and gunicorn with the application role's (DATABASE_URL).
Before, `make serve` stopped at `migrate` with "permission denied for schema public".

PostgreSQL only: a fresh database and two roles made here as the README says, dropped after."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import psycopg
import pytest
import requests
from django.db import connection

from operations.tests.conftest import free_port

pytestmark = [
    pytest.mark.skipif(
        "connection.vendor != 'postgresql'", reason="database roles and schema rights: PostgreSQL only"
    ),
    pytest.mark.long,
]
_ = connection  # read by the skipif condition

BASE_DIR = Path(__file__).resolve().parent.parent


def server_url(database: str, user: str = "") -> str:
    db = connection.settings_dict
    credentials = user or f"{db['USER']}:{db['PASSWORD'] or ''}"
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{database}"


def run_as_superuser(database: str, *statements: str) -> None:
    with psycopg.connect(server_url(database), autocommit=True) as conn:
        for statement in statements:
            conn.execute(statement)


@pytest.fixture
def two_roles():
    """The README's setup ("The database role without table ownership"), verbatim but for the
    names: an owner role owning the database, an application role with rights on what the
    owner's migrations create."""
    suffix = f"{os.getpid()}_{free_port()}"
    owner, app, database = f"iop_owner_{suffix}", f"iop_app_{suffix}", f"iop_serve_{suffix}"
    run_as_superuser(
        "postgres",
        f"CREATE ROLE {owner} LOGIN",
        f"CREATE ROLE {app} LOGIN",
        f"CREATE DATABASE {database} OWNER {owner}",
    )
    try:
        run_as_superuser(
            database,
            "REVOKE ALL ON SCHEMA public FROM PUBLIC",
            f"GRANT USAGE ON SCHEMA public TO {app}",
            f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA public "
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {app}",
            f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO {app}",
        )
        yield {"owner": owner, "app": app, "database": database}
    finally:
        run_as_superuser(
            "postgres",
            f"DROP DATABASE IF EXISTS {database} WITH (FORCE)",
            f"DROP ROLE IF EXISTS {app}",
            f"DROP ROLE IF EXISTS {owner}",
        )


def wait_for_health(url: str, process: subprocess.Popen, log: Path, seconds: float = 400) -> dict:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, (
            f"make serve exited with {process.returncode}:\n{log.read_text()[-3000:]}"
        )
        try:
            return requests.get(url, timeout=10).json()
        except (requests.ConnectionError, ValueError):
            time.sleep(1)
    raise TimeoutError(f"make serve did not answer in {seconds} s:\n{log.read_text()[-3000:]}")


def test_make_serve_migrates_as_the_owner_and_serves_as_the_application_role(two_roles, tmp_path):
    port = free_port()
    keep = ("PATH", "HOME", "LANG", "PYENV_ROOT", "PYTHONDONTWRITEBYTECODE")
    env = {name: os.environ[name] for name in keep if name in os.environ}
    env |= {
        "DATABASE_URL": server_url(two_roles["database"], two_roles["app"]),
        "MIGRATE_DATABASE_URL": server_url(two_roles["database"], two_roles["owner"]),
        "SECRET_KEY": "a-secret-for-the-make-serve-test-only-0123456789-abcdefghij",
        "ALLOWED_HOSTS": "127.0.0.1",
        "STATIC_ROOT": str(tmp_path / "static"),
        "PRIVATE_MEDIA_ROOT": str(tmp_path / "media"),
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "1",
        "HEALTH_WORKER_WAIT_SECONDS": "0",
    }
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            ["make", "--no-print-directory", "serve"],
            cwd=BASE_DIR,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: make, the worker and gunicorn
        )
    try:
        health = wait_for_health(f"http://127.0.0.1:{port}/health/", process, log)
        assert health["checks"]["database"] == "OK", health
        assert requests.get(f"http://127.0.0.1:{port}/login/", timeout=10).status_code == 200
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
    with psycopg.connect(server_url(two_roles["database"])) as conn:
        owners = dict(
            conn.execute(
                "SELECT tableowner, count(*) FROM pg_tables WHERE schemaname = 'public' GROUP BY tableowner"
            ).fetchall()
        )
    assert owners.keys() == {two_roles["owner"]}, owners  # migrated as the owner, not the app role
