"""The operator's commands at the benchmark's scale (issue 22): `gallra`, `backup` and `restore`,
each timed as the operator runs it, `manage.py` in a process of its own.

They run last, after every page was measured: `gallra` anonymises the participants due, which
changes what the pages show. The restore goes into a database of its own (`<name>_restore`,
dropped afterwards; on SQLite a new file) with its documents in the work folder, so the
benchmark's database and the worktree's files stay as they were.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit


def restore_url(database_url: str, work: Path) -> str:
    if not database_url.startswith("postgres"):
        return f"sqlite:///{work / 'restored.sqlite3'}"
    parts = urlsplit(database_url)
    return parts._replace(path=parts.path.rstrip("/") + "_restore").geturl()


def drop(database_url: str) -> None:
    import psycopg

    parts = urlsplit(database_url)
    with psycopg.connect(parts._replace(path="/postgres").geturl(), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{parts.path.lstrip("/")}" WITH (FORCE)')


def run(results, env: dict, database_url: str, work: Path) -> None:
    from bench.run import fresh_database, manage

    seconds = manage(env, "gallra")
    results.add("gallra", None, [seconds])
    backup = work / "backup"
    seconds = manage(env, "backup", "--output", str(backup))
    rows = sum(json.loads((backup / "manifest.json").read_text())["tables"].values())
    results.add("backup", rows, [seconds])
    target = restore_url(database_url, work)
    restore_env = dict(env, DATABASE_URL=target, PRIVATE_MEDIA_ROOT=str(work / "restored-media"))
    if target.startswith("postgres"):
        fresh_database(target)
    try:
        seconds = manage(restore_env, "restore", str(backup))
        results.add("restore (into an empty database)", rows, [seconds])
    finally:
        if target.startswith("postgres"):
            drop(target)
