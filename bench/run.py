"""The benchmark suite (issue 10): `make bench`, or `make bench-smoke` with tiny sizes.

Builds a fresh database (PostgreSQL from BENCH_DATABASE_URL, or a throwaway SQLite file), fills it
with `generate_scale_data`, then measures in one run: pages and operations in-process (median,
p95, queries, peak RSS), the memo PDF against LibreOffice converting the same memo from .docx, a
worker's memory over 20 → 200 exports, occupancy aggregate vs per-row Python, and the load test
(gunicorn + wrk on 127.0.0.1). Prints one table and the targets with their ratios, and writes
everything as JSON under bench/results/. Timings are never asserted: a smoke run only checks that
every step runs.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SIZES = {
    "full": {"agreements": 1250, "participants": 30_000, "placements": 100_000, "repeat": 15},
    "smoke": {"agreements": 40, "participants": 200, "placements": 600, "repeat": 2},
    # Issue 22: a national registry (one agreement's line every two years in every municipality).
    "national": {
        "memo": False,  # the memo's figures are `make bench`'s; here its committee has 300 agreements
        "agreements": 6000,
        "participants": 180_000,
        "placements": 600_000,
        "access_log": 10_000_000,
        "repeat": 7,
    },
}
GENERATE_TARGET = {"full": 60, "national": 600}  # seconds


def scaled(sizes: dict, fraction: float) -> dict:
    """A fraction of a size's rows (at least one of each), e.g. 0.01 to try the national run."""
    return {
        key: value if key in ("repeat", "memo") else max(1, round(value * fraction))
        for key, value in sizes.items()
    }


def bench_environment(database_url: str, static_root: Path) -> dict[str, str]:
    """Production-like settings: DEBUG off, the manifest static storage, no HTTPS redirect."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        DJANGO_SETTINGS_MODULE="iop_registry.settings",
        DATABASE_URL=database_url,
        DEBUG="0",
        SECRET_KEY="bench-only-not-a-secret-" + "x" * 50,
        SECURE_SSL_REDIRECT="0",
        SECURE_COOKIES="0",
        SECURE_HSTS_SECONDS="0",
        STATIC_ROOT=str(static_root),
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
    )
    return env


def fresh_database(database_url: str) -> None:
    """Drop and create the benchmark's PostgreSQL database (never the lead's or a test one)."""
    from urllib.parse import urlsplit

    import psycopg

    parts = urlsplit(database_url)
    name = parts.path.lstrip("/")
    if name in ("iop_registry", "postgres") or name.startswith("test_"):
        raise SystemExit(f"Refusing to recreate database {name!r} for the benchmark.")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def manage(env: dict, *args: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], env=env, check=True, cwd=ROOT)
    return time.perf_counter() - start


class Results:
    def __init__(self):
        self.rows: list[dict] = []
        self.targets: list[dict] = []

    def add(self, what: str, rows, times: list[float] | None = None, queries=None, peak_mb=None, **extra):
        row = {"what": what, "rows": rows, "queries": queries, "peak_rss_mb": peak_mb, **extra}
        if times:
            ordered = sorted(times)
            row["median_ms"] = statistics.median(ordered) * 1000
            row["p95_ms"] = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))] * 1000
        self.rows.append(row)
        return row

    def target(self, what: str, before: str, measured: str, target: str, met: bool | None):
        self.targets.append(
            {"what": what, "before": before, "measured": measured, "target": target, "met": met}
        )

    def print(self) -> None:
        print(
            f"\n{'page or operation':<52} {'rows':>8} {'median ms':>10} {'p95 ms':>9} {'queries':>8} {'peak MB':>8}"
        )
        for row in self.rows:

            def cell(key, fmt, width, row=row):
                value = row.get(key)
                return f"{value:{width}{fmt}}" if isinstance(value, int | float) else f"{'–':>{width}}"

            print(
                f"{row['what']:<52} {row['rows'] if row['rows'] is not None else '–':>8} "
                f"{cell('median_ms', '.1f', 10)} {cell('p95_ms', '.1f', 9)} "
                f"{cell('queries', 'd', 8)} {cell('peak_rss_mb', '.0f', 8)}"
            )
        print(f"\n{'target':<52} {'before':<22} {'measured':<34} {'target':<26} met")
        for t in self.targets:
            met = {True: "yes", False: "NO", None: "–"}[t["met"]]
            print(f"{t['what']:<52} {t['before']:<22} {t['measured']:<34} {t['target']:<26} {met}")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--smoke", action="store_true", help="tiny sizes: check every step runs")
    parser.add_argument(
        "--national",
        action="store_true",
        help="national scale (issue 22): 6,000 agreements, 180,000 participants, 600,000 placements, "
        "10 million access-log rows",
    )
    parser.add_argument(
        "--fraction", type=float, default=1.0, help="of the sizes' rows, e.g. 0.01 for a quick try"
    )
    parser.add_argument("--skip-operations", action="store_true", help="no gallra, backup, restore")
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL"))
    parser.add_argument("--skip-load", action="store_true")
    parser.add_argument("--skip-libreoffice", action="store_true")
    parser.add_argument(
        "--repeat", type=int, help="timed runs per page (default 15; fewer on a loaded machine)"
    )
    parser.add_argument("--exports", type=int, help="exports of the long-lived worker (default 200)")
    parser.add_argument(
        "--keep-data",
        action="store_true",
        help="measure the database as it is (made by an earlier run) instead of making it again",
    )
    args = parser.parse_args()
    size = "smoke" if args.smoke else "national" if args.national else "full"
    sizes = dict(SIZES[size])
    if args.fraction != 1.0:
        sizes = scaled(sizes, args.fraction)
    sizes["size"], sizes["fraction"] = size, args.fraction
    # A fraction is a try of the run, not a measurement: like the smoke run, no target is judged.
    trial = args.smoke or args.fraction != 1.0
    if args.repeat:
        sizes["repeat"] = args.repeat
    if args.exports:
        sizes["exports"] = args.exports
    work = Path(tempfile.mkdtemp(prefix="iop-bench-"))
    if args.database_url:
        if not args.keep_data:
            fresh_database(args.database_url)
        database_url = args.database_url
    else:
        database_url = f"sqlite:///{work / 'bench.sqlite3'}"
    env = bench_environment(database_url, work / "static")
    os.environ.update(env)
    results = Results()
    print(f"Benchmark database {database_url.split('@')[-1]}, work folder {work}")
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    if not args.keep_data:
        make_data(env, database_url, sizes, results, smoke=trial)

    import django

    django.setup()
    from bench import inprocess

    inprocess.run(results, sizes, work, smoke=trial, libreoffice=not args.skip_libreoffice)
    if not args.skip_load:
        from bench import load

        load.run(results, env, work, smoke=trial)
    if not args.skip_operations:
        from django.db import connections

        from bench import operations

        connections.close_all()  # gallra and the backup run beside this process
        operations.run(results, env, database_url, work)

    write(results, database_url, sizes, smoke=args.smoke)


def make_data(env: dict, database_url: str, sizes: dict, results: Results, *, smoke: bool) -> None:
    """Demo data, then the scale data, then what autovacuum would do."""
    manage(env, "load_demo")
    counts = [
        f"--{key.replace('_', '-')}={sizes[key]}" for key in ("agreements", "participants", "placements")
    ]
    if "access_log" in sizes:
        counts.append(f"--access-log={sizes['access_log']}")
    seconds = manage(env, "generate_scale_data", *counts)  # ends with ANALYZE
    results.add("generate_scale_data (COPY, ANALYZE)", sizes["placements"], [seconds])
    if database_url.startswith("postgres"):
        # What autovacuum does some minutes after a bulk load in production: the visibility map
        # that lets an index-only scan skip the table (the statistics are there already).
        import psycopg

        start = time.perf_counter()
        with psycopg.connect(database_url, autocommit=True) as connection:
            connection.execute("VACUUM")
        results.add("VACUUM after the load", None, [time.perf_counter() - start])
    limit = GENERATE_TARGET.get(sizes["size"])
    results.target(
        "generate_scale_data "
        + "/".join(f"{sizes[k]:,}" for k in ("agreements", "participants", "placements"))
        + (f"/{sizes['access_log']:,} log" if "access_log" in sizes else ""),
        "35 min at 6,000/–/600,000/2 M (issue)" if sizes["size"] == "national" else "–",
        f"{seconds:.1f} s",
        f"< {limit} s" if limit else "–",
        None if smoke or not limit else seconds < limit,
    )


def write(results: Results, database_url: str, sizes: dict, *, smoke: bool) -> None:
    results.print()
    name = {"smoke": "smoke", "national": "national"}.get(sizes.get("size"), "bench")
    if sizes.get("fraction", 1.0) != 1.0:
        name += "-trial"  # not a measurement of the size: .gitignore keeps it out
    out = ROOT / "bench" / "results" / f"{name}-{date.today():%Y-%m-%d}.json"
    out.parent.mkdir(exist_ok=True)
    payload = {
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "system": platform.platform(),
        },
        "database": database_url.split("://")[0],
        "sizes": sizes,
        "rows": results.rows,
        "targets": results.targets,
    }
    out.write_text(json.dumps(payload, indent=2, ensure_ascii=False, default=str) + "\n")
    print(f"\nWritten {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
