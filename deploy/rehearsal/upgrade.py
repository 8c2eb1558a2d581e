"""Step 6 of the rehearsal: a database migrated and filled at the previous release
(PREVIOUS_RELEASE in rehearse.py) is migrated with this code. Every user keeps exactly the
access they had, the overview's figures are the same, and every stored memo PDF is byte for
byte what it was (README, Upgrading)."""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path


def code_tree(ctx, commit: str) -> Path:
    tree = ctx.stack.tmp / f"release-{commit[:10]}"
    tree.mkdir()
    archive = subprocess.run(
        ["git", "archive", commit], cwd=ctx.base_dir, capture_output=True, check=True, timeout=120
    )
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive.stdout, check=True, timeout=120)
    return tree


def run(ctx, tree: Path, *args: str, env: dict) -> str:
    done = subprocess.run([ctx.python, *args], cwd=tree, env=env, capture_output=True, text=True, timeout=600)
    (ctx.stack.logs / "commands.log").open("a").write(
        f"$ ({tree.name}) {' '.join(args)}\n{done.stdout[-2000:]}{done.stderr}\n"
    )
    if done.returncode != 0:
        raise AssertionError(
            f"{' '.join(args)} in {tree.name} exited {done.returncode}: {done.stderr[-800:]}"
        )
    return done.stdout


def upgrade(ctx, commit: str, database: str) -> tuple[dict, dict, float]:
    """Migrate and fill `database` with the release at `commit`, snapshot it, migrate it with
    this code, snapshot it again; every part of the snapshots must be equal."""
    snapshot = Path(__file__).with_name("snapshot.py")
    ctx.pg.psql(f"CREATE DATABASE {database} OWNER iop_owner;")
    env = {**ctx.env, **ctx.owner_env, "DATABASE_URL": ctx.pg.url("iop_owner", ctx.owner_password, database)}
    previous = code_tree(ctx, commit)
    started = time.monotonic()
    run(ctx, previous, "manage.py", "migrate", "--noinput", env=env)
    run(ctx, previous, "manage.py", "load_demo", env={**env, "DEBUG": "1"})
    before = json.loads(run(ctx, previous, str(snapshot), "--export", env=env))
    run(ctx, ctx.base_dir, "manage.py", "migrate", "--noinput", env=env)
    after = json.loads(run(ctx, ctx.base_dir, str(snapshot), env=env))
    took = time.monotonic() - started
    for part in ("access", "figures", "pdfs"):
        keys = before[part].keys() | after[part].keys()
        changed = sorted(k for k in keys if before[part].get(k) != after[part].get(k))
        assert not changed, (
            f"{part} changed by the upgrade: {changed[:5]} e.g. "
            f"{before[part].get(changed[0])} → {after[part].get(changed[0])}"
        )
    stored = [hashes for hashes in after["pdfs"].values() if hashes[0] != hashes[1]]
    assert after["pdfs"] and not stored, f"{len(after['pdfs'])} PDFs, {len(stored)} differ from their SHA-256"
    return before, after, took


def figures(commit: str, after: dict, took: float) -> dict:
    seen = {user: pages["2022"][1] for user, pages in after["access"].items()}
    assert any(seen.values()), "nobody sees any agreement"
    return {
        "from": commit[:10],
        "users compared": len(after["access"]),
        "agreements seen (2022, all users)": sum(len(v) for v in seen.values()),
        "amounts compared": sum(len(v) for v in after["figures"].values()),
        "memo PDFs compared": len(after["pdfs"]),
        "seconds": round(took, 1),
    }


def step_upgrade_from_the_previous_release(ctx) -> dict:
    before, after, took = upgrade(ctx, ctx.previous_release, "iop_upgrade")
    return figures(ctx.previous_release, after, took)


def step_upgrade_from_before_committees(ctx) -> dict:
    """The release before committee memberships (BEFORE_COMMITTEES in rehearse.py): its staff saw
    every agreement; after the upgrade they are members of the one committee (migration
    accounts.0012_committee_for_staff_after_upgrade) and see exactly what they saw."""
    before, after, took = upgrade(ctx, ctx.before_committees, "iop_upgrade_committees")
    from_before = figures(ctx.before_committees, after, took)
    members = ctx.pg.psql(
        "SELECT count(DISTINCT m.user_id) FROM accounts_committeemembership m;",
        database="iop_upgrade_committees",
    )
    assert int(members) > 0, "no committee memberships after the upgrade"
    return {**from_before, "staff given the committee": int(members)}
