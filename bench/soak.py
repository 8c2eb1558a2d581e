"""Soak test (not CI): mixed journeys by N simulated users against gunicorn + PostgreSQL.

    .venv/bin/python bench/soak.py                       # 10 minutes, 20 users
    .venv/bin/python bench/soak.py --minutes 4 --users 20 --workers 3

Builds a throwaway PostgreSQL database (`bench_soak` on DATABASE_URL's server, default
postgres://postgres@127.0.0.1:5432/), migrates it and loads the seed and demo data (with the
demo users of `load_demo`), starts gunicorn (gunicorn.conf.py; `max_requests` off, so a leak
shows instead of being recycled away) and a task worker on free ports, and lets the users
log in and walk their journeys until the time is up:

- handläggare: overview, an agreement, partners, follow-ups, the overview spreadsheet, and now
  and then an attachment upload and its download;
- koordinator: participants, a participant, the assignment page, an activity's participants;
- sekreterare: memos, a memo, follow-ups;
- partner: the portal and its agreement;
- everyone: /health/ now and then.

Reports errors (HTTP >= 400, a redirect where a page was expected, or no answer), latency per page and the
resident memory of each gunicorn worker sampled every 10 s, and writes the figures to
bench/results/soak-<timestamp>.json and .md. Everything it started is stopped at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

import requests

BASE_DIR = Path(__file__).resolve().parent.parent
RESULTS = BASE_DIR / "bench" / "results"
PY = sys.executable


def blank_pdf() -> bytes:
    """A one-page PDF, as the upload check wants (it parses, has a page, holds no script)."""
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


PDF = blank_pdf()
ROLES = ["handlaggare", "koordinator", "sekreterare", "partner"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def manage(*args: str, env: dict[str, str], capture: bool = False) -> str:
    done = subprocess.run(
        [PY, "manage.py", *args], cwd=BASE_DIR, env=env, check=True, text=True, capture_output=capture
    )
    return done.stdout if capture else ""


def prepare(server_url: str, name: str) -> tuple[dict[str, str], dict]:
    """A fresh database with seed and demo data; returns the environment and object ids."""
    import psycopg

    parts = urlsplit(server_url)
    admin_url = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    static = tempfile.mkdtemp(prefix="soak-static-")
    media = tempfile.mkdtemp(prefix="soak-media-")
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "S3_BUCKET"}},
        "DATABASE_URL": parts._replace(path=f"/{name}").geturl(),
        "SECRET_KEY": "soak-test-secret-key-not-for-production-0123456789",
        "DEBUG": "0",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "STATIC_ROOT": static,
        "PRIVATE_MEDIA_ROOT": media,
        "GUNICORN_MAX_REQUESTS": "0",
    }
    manage("migrate", "--noinput", "-v0", env=env)
    manage("load_demo", env={**env, "DEBUG": "1"})  # the demo users come with DEBUG on only
    manage("collectstatic", "--noinput", "-v0", env=env)
    ids = json.loads(
        manage(
            "shell",
            "-c",
            "import json\n"
            "from partnerships.models import Agreement, Partner\n"
            "from participants.models import Participant\n"
            "from reports.models import Memo\n"
            "from accounts.models import PartnerMembership\n"
            "m = PartnerMembership.objects.select_related('partner').first()\n"
            "print(json.dumps({'agreements': list(Agreement.objects.values_list('pk', flat=True)),"
            " 'partners': list(Partner.objects.values_list('pk', flat=True)),"
            " 'participants': list(Participant.objects.values_list('pk', flat=True)[:50]),"
            " 'memos': list(Memo.objects.values_list('pk', flat=True)),"
            " 'partner_agreements': list(Agreement.objects.filter(parties__partner=m.partner).distinct()"
            ".values_list('pk', flat=True)) if m else []}))",
            env=env,
            capture=True,
        )
        .strip()
        .splitlines()[-1]
    )
    return env, ids


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.latency: dict[str, list[float]] = defaultdict(list)
        self.errors: list[dict] = []
        self.requests = 0

    def record(self, page: str, seconds: float, status: int | None, error: str = "") -> None:
        with self.lock:
            self.requests += 1
            self.latency[page].append(seconds)
            if status is None or status >= 400:
                self.errors.append({"page": page, "status": status, "error": error[:200], "at": time.time()})


class User(threading.Thread):
    def __init__(self, base: str, username: str, ids: dict, stats: Stats, until: float):
        super().__init__(daemon=True)
        self.base, self.username, self.ids, self.stats, self.until = base, username, ids, stats, until
        self.session = requests.Session()
        self.random = random.Random(username + str(id(self)))

    def get(self, page: str, path: str, expect=(200,)) -> requests.Response | None:
        return self.call(page, "get", path, expect)

    def call(self, page: str, method: str, path: str, expect=(200,), **kwargs) -> requests.Response | None:
        started = time.perf_counter()
        try:
            response = getattr(self.session, method)(
                self.base + path, timeout=60, allow_redirects=False, **kwargs
            )
        except requests.RequestException as error:
            self.stats.record(page, time.perf_counter() - started, None, repr(error))
            return None
        status = response.status_code
        ok = status in expect
        self.stats.record(
            page,
            time.perf_counter() - started,
            status if ok or status >= 400 else 599,
            "" if ok else f"unexpected {status}",
        )
        return response

    def csrf(self, path: str) -> str:
        page = self.session.get(self.base + path, timeout=60)
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        return found.group(1) if found else ""

    def login(self) -> bool:
        token = self.csrf("/login/")
        response = self.call(
            "login",
            "post",
            "/login/",
            expect=(302,),
            data={
                "username": self.username,
                "password": f"demo-{self.username}-2026",
                "csrfmiddlewaretoken": token,
            },
        )
        return response is not None and response.status_code == 302

    def pick(self, key: str) -> int:
        return self.random.choice(self.ids[key])

    def journey(self) -> None:
        r = self.random
        if self.username == "handlaggare":
            self.get("overview", "/agreements/")
            agreement = self.pick("agreements")
            self.get("agreement", f"/agreements/{agreement}/")
            self.get("partners", "/partners/")
            self.get("partner", f"/partners/{self.pick('partners')}/")
            self.get("followups", "/reports/follow-ups/")
            if r.random() < 0.2:
                self.get("overview.xlsx", "/reports/overview.xlsx?year=2022")
            if r.random() < 0.1:
                token = self.csrf(f"/agreements/{agreement}/")
                done = self.call(
                    "upload",
                    "post",
                    f"/agreements/{agreement}/attachments/",
                    expect=(302,),
                    data={"kind": "other", "title": "soak", "csrfmiddlewaretoken": token},
                    files={"file": ("soak.pdf", PDF, "application/pdf")},
                )
                if done is not None and done.status_code == 302:
                    page = self.session.get(self.base + f"/agreements/{agreement}/", timeout=60).text
                    links = re.findall(rf"/agreements/{agreement}/attachments/\d+/", page)
                    if links:
                        self.get("download", links[0])
        elif self.username == "koordinator":
            self.get("participants", "/participants/")
            person = self.pick("participants")
            self.get("participant", f"/participants/{person}/")
            self.get("assign", f"/participants/{person}/assign/")
            self.get("activity participants", f"/participants/agreements/{self.pick('agreements')}/")
        elif self.username == "sekreterare":
            self.get("memos", "/reports/")
            if self.ids["memos"]:
                self.get("memo", f"/reports/memos/{self.pick('memos')}/", expect=(200, 404))
            self.get("followups", "/reports/follow-ups/")
        else:
            self.get("portal", "/portal/")
            if self.ids["partner_agreements"]:
                self.get(
                    "portal agreement",
                    f"/portal/agreements/{self.pick('partner_agreements')}/",
                    expect=(200, 404),
                )
        if r.random() < 0.1:
            self.get("health", "/health/")
        time.sleep(r.uniform(0.5, 2.0))  # a person reads the page

    def run(self) -> None:
        if not self.login():
            return
        while time.time() < self.until:
            self.journey()


def workers_rss(master: int) -> dict[int, int]:
    """Resident memory (kB) of each gunicorn worker: the master's children."""
    rss = {}
    for pid in Path(f"/proc/{master}/task/{master}/children").read_text().split():
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    rss[int(pid)] = int(line.split()[1])
        except FileNotFoundError:
            pass
    return rss


def drop(server_url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(urlsplit(server_url)._replace(path="/postgres").geturl(), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (default 3)")
    parser.add_argument("--warmup-minutes", type=float, default=None, help="default: a fifth of the run")
    parser.add_argument(
        "--server",
        default=os.environ.get("SOAK_POSTGRES", "postgres://postgres@127.0.0.1:5432/postgres"),
        help="a PostgreSQL server URL; the database bench_soak is made on it",
    )
    parser.add_argument("--database", default="bench_soak")
    args = parser.parse_args()
    warmup = args.warmup_minutes if args.warmup_minutes is not None else args.minutes / 5

    print(f"Preparing database {args.database} …", flush=True)
    env, ids = prepare(args.server, args.database)
    port = free_port()
    log = tempfile.NamedTemporaryFile(prefix="soak-gunicorn-", suffix=".log", delete=False)
    web = subprocess.Popen(
        [str(Path(PY).with_name("gunicorn")), "-c", "gunicorn.conf.py"],
        cwd=BASE_DIR,
        env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": str(args.workers)},
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    worker = subprocess.Popen(
        [PY, "manage.py", "run_worker", "--no-reload", "--interval", "2"],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    stats = Stats()
    samples: list[dict] = []
    try:
        for _ in range(120):
            try:
                if requests.get(base + "/login/", timeout=5).status_code == 200:
                    break
            except requests.RequestException:
                time.sleep(0.5)
        started = time.time()
        until = started + args.minutes * 60
        users = [User(base, ROLES[i % len(ROLES)], ids, stats, until) for i in range(args.users)]
        for user in users:
            user.start()
            time.sleep(0.2)
        while time.time() < until:
            rss = workers_rss(web.pid)
            samples.append({"t": round(time.time() - started), "rss_kb": rss, "requests": stats.requests})
            print(
                f"{samples[-1]['t']:>5} s  {stats.requests:>6} requests  {len(stats.errors)} errors  "
                f"workers {sorted(v // 1024 for v in rss.values())} MB",
                flush=True,
            )
            time.sleep(10)
        for user in users:
            user.join(timeout=90)
        samples.append(
            {"t": round(time.time() - started), "rss_kb": workers_rss(web.pid), "requests": stats.requests}
        )
    finally:
        stop(web)
        stop(worker)
        drop(args.server, args.database)

    report = summarise(args, warmup, stats, samples)
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    (RESULTS / f"soak-{stamp}.json").write_text(json.dumps(report, indent=2))
    (RESULTS / f"soak-{stamp}.md").write_text(markdown(report))
    print(markdown(report))
    return 0 if not report["errors"] else 1


def summarise(args, warmup: float, stats: Stats, samples: list[dict]) -> dict:
    def total_mb(sample):
        return sum(sample["rss_kb"].values()) / 1024

    after = [s for s in samples if s["t"] >= warmup * 60] or samples[-1:]
    pages = {
        page: {
            "requests": len(times),
            "median_ms": round(statistics.median(times) * 1000),
            "p95_ms": round(sorted(times)[max(0, int(len(times) * 0.95) - 1)] * 1000),
        }
        for page, times in sorted(stats.latency.items())
    }
    return {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "minutes": args.minutes,
        "users": args.users,
        "gunicorn_workers": args.workers,
        "warmup_minutes": warmup,
        "requests": stats.requests,
        "errors": stats.errors,
        "pages": pages,
        "memory_mb": {
            "after_warmup_first": round(total_mb(after[0]), 1),
            "end": round(total_mb(after[-1]), 1),
            "after_warmup_max": round(max(total_mb(s) for s in after), 1),
            "per_worker_end": sorted(round(v / 1024, 1) for v in after[-1]["rss_kb"].values()),
        },
        "samples": [
            {"t": s["t"], "total_mb": round(total_mb(s), 1), "requests": s["requests"]} for s in samples
        ],
        "machine": {"cpus": os.cpu_count(), "load_average_at_end": os.getloadavg()},
    }


def markdown(report: dict) -> str:
    memory = report["memory_mb"]
    growth = memory["end"] - memory["after_warmup_first"]
    lines = [
        f"# Soak {report['when']}",
        "",
        f"{report['minutes']} minutes, {report['users']} users, gunicorn with {report['gunicorn_workers']} workers "
        f"(max_requests off), PostgreSQL; warm-up {report['warmup_minutes']:.1f} minutes.",
        "",
        f"- requests: {report['requests']}, errors: **{len(report['errors'])}**",
        f"- gunicorn workers' resident memory, all workers together: {memory['after_warmup_first']} MB after "
        f"warm-up, {memory['end']} MB at the end ({growth:+.1f} MB), highest {memory['after_warmup_max']} MB; "
        f"per worker at the end {memory['per_worker_end']} MB",
        f"- machine: {report['machine']['cpus']} CPUs shared with others, load average at the end "
        f"{', '.join(f'{x:.1f}' for x in report['machine']['load_average_at_end'])}",
        "",
        "| page | requests | median ms | p95 ms |",
        "|---|---:|---:|---:|",
        *(
            f"| {page} | {p['requests']} | {p['median_ms']} | {p['p95_ms']} |"
            for page, p in report["pages"].items()
        ),
        "",
        "| t (s) | workers' memory (MB) | requests so far |",
        "|---:|---:|---:|",
        *(f"| {s['t']} | {s['total_mb']} | {s['requests']} |" for s in report["samples"]),
    ]
    if report["errors"]:
        lines += [
            "",
            "Errors:",
            *(f"- {e['page']}: {e['status']} {e['error']}" for e in report["errors"][:50]),
        ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
