"""The load test: gunicorn with the project's production configuration and wrk, on 127.0.0.1 only.

gunicorn reads `gunicorn.conf.py` when the project has one; otherwise the same settings are
passed as flags (5 sync workers, max_requests with jitter). wrk runs headless for a fixed time
against the login page and a static file (the ceilings) and the logged-in overview, 20
connections each, and reports requests/s, p95 and errors through a small Lua script.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WRK_REPORT = """
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format('{"requests": %d, "seconds": %f, "p50_ms": %f, "p95_ms": %f, "p99_ms": %f, "errors": %d}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000, errors))
end
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def ensure_wrk() -> str:
    if not shutil.which("wrk"):
        sudo = (
            []
            if shutil.which("id")
            and subprocess.run(["id", "-u"], capture_output=True, text=True).stdout.strip() == "0"
            else ["sudo"]
        )
        subprocess.run([*sudo, "apt-get", "install", "-y", "-qq", "wrk"], check=True, capture_output=True)
    return shutil.which("wrk")


def gunicorn_command(port: int) -> list[str]:
    gunicorn = str(Path(__import__("sys").executable).with_name("gunicorn"))
    command = [gunicorn, "iop_registry.wsgi:application", "--bind", f"127.0.0.1:{port}"]
    if (ROOT / "gunicorn.conf.py").exists():
        return [*command, "--config", str(ROOT / "gunicorn.conf.py")]
    return [
        *command,
        "--workers",
        "5",
        "--worker-class",
        "sync",
        "--timeout",
        "60",
        "--max-requests",
        "1000",
        "--max-requests-jitter",
        "100",
    ]


def _cpu_ticks(pid: int) -> tuple[int, int]:
    """(utime + stime, cutime + cstime) of a process, in clock ticks (proc(5): fields 14-17)."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12]), int(fields[13]) + int(fields[14])


def workers_cpu_seconds(master: int) -> float:
    """CPU seconds gunicorn's workers have used: the live workers' own, and the master's count
    of the workers it has reaped (a worker restarts after max_requests). The master's own CPU
    (a few ms a second of bookkeeping) is not in it."""
    children = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == master:
                children.append(int(entry.name))
    live = 0
    for pid in children:
        try:
            live += _cpu_ticks(pid)[0]
        except OSError:
            continue  # exited meanwhile: counted in the master's reaped total
    return (live + _cpu_ticks(master)[1]) / os.sysconf("SC_CLK_TCK")


def wrk(
    url: str,
    seconds: int,
    connections: int,
    script: Path,
    cookie: str | None = None,
    headers: tuple[str, ...] = (),
) -> dict:
    command = [
        ensure_wrk(),
        "-t2",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "30s",
        "-s",
        str(script),
        url,
    ]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    for header in headers:
        command[1:1] = ["-H", header]
    output = subprocess.run(command, check=True, capture_output=True, text=True, timeout=seconds + 60).stdout
    report = json.loads(next(line for line in output.splitlines() if line.startswith("{")))
    report["rps"] = report["requests"] / report["seconds"]
    return report


# Issue 22's figures before, and its targets: requests a second at 20 connections.
BEFORE_RPS = {"start page": 36, "agreement page": 20, "API list": 24, "/offentligt/": 78}
TARGET_RPS = {"start page": 150, "agreement page": 150, "API list": 150, "/offentligt/": 600}


def run(results, env: dict, work: Path, *, smoke: bool) -> None:
    from django.templatetags.static import static
    from django.test import Client

    from api.models import ApiToken
    from bench.scale_data import bench_users
    from partnerships.models import Agreement, Committee

    seconds = 1 if smoke else 15
    official = bench_users()["bench-handlaggare"]
    client = Client()
    client.force_login(official)
    cookie = f"sessionid={client.cookies['sessionid'].value}"
    _, token = ApiToken.issue(user=official, name="bench load")
    bearer = (f"Authorization: Bearer {token}",)
    an = Committee.objects.get(abbreviation="AN")
    agreement = Agreement.objects.filter(committee=an).decided().order_by("valid_from", "pk").first()
    port = free_port()
    script = work / "report.lua"
    script.write_text(WRK_REPORT)
    log = work / "gunicorn.log"  # kept for a run whose figures look wrong (workers killed, errors)
    redis = start_redis(work)
    # No restart after max_requests during the run: the static file's thousands of requests
    # restarted every worker at once, and the next page was timed while they booted (a boot costs
    # seconds of CPU on a loaded machine, which the CPU per request would then carry).
    server_env = {**env, "GUNICORN_MAX_REQUESTS": "0"} | ({"REDIS_URL": redis[1]} if redis else {})
    results.add("load: with Redis (REDIS_URL) as in production" if redis else "load: without Redis", None)
    server = subprocess.Popen(
        gunicorn_command(port), env=server_env, cwd=ROOT, stdout=log.open("w"), stderr=subprocess.STDOUT
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/login/", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        year = time.localtime().tm_year
        targets = [
            ("load: static file (ceiling)", f"{base}{static('css/app.css')}", None, ()),
            ("load: login page (ceiling)", f"{base}/login/", None, ()),
            ("load: logged-in overview, demo+scale data", f"{base}/agreements/?year={year}", cookie, ()),
            (
                "load: logged-in overview, demo agreements (AN)",
                f"{base}/agreements/?year=2022&committee={an.pk}",
                cookie,
                (),
            ),
            ("load: start page", f"{base}/", cookie, ()),
            ("load: agreement page", f"{base}/agreements/{agreement.pk}/", cookie, ()),
            ("load: API list", f"{base}/api/v1/agreements/", None, bearer),
            ("load: /offentligt/", f"{base}/offentligt/", None, ()),
        ]
        measured = {}
        for what, url, with_cookie, headers in targets:
            if not smoke:
                wrk(url, 2, 20, script, with_cookie, headers)  # warm every worker
            cpu = workers_cpu_seconds(server.pid)
            report = wrk(url, seconds, 20, script, with_cookie, headers)
            report["cpu_ms"] = (workers_cpu_seconds(server.pid) - cpu) * 1000 / max(1, report["requests"])
            measured[what] = report
            results.add(
                what,
                report["requests"],
                None,
                None,
                None,
                gunicorn_log=str(log),
                rps=round(report["rps"], 1),
                p95_ms=report["p95_ms"],
                median_ms=report["p50_ms"],
                errors=report["errors"],
                worker_cpu_ms=round(report["cpu_ms"], 2),
            )
    finally:
        server.terminate()  # graceful: workers finish the request they hold (slow on a loaded machine)
        try:
            server.wait(timeout=90)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=30)
        if redis:
            redis[0].terminate()
            redis[0].wait(timeout=30)
    judge(results, measured, smoke=smoke)


def start_redis(work: Path) -> tuple[subprocess.Popen, str] | None:
    """A Redis of the run's own on a free port, as production shares one (README: REDIS_URL):
    sessions and the logged-in user are then read through it. None when redis-server is missing."""
    binary = shutil.which("redis-server")
    if binary is None:
        return None
    port = free_port()
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        cwd=work,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(50):
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return process, f"redis://127.0.0.1:{port}/0"
        time.sleep(0.1)
    process.terminate()
    return None


def judge(results, measured: dict, *, smoke: bool) -> None:
    """Issue 22's load targets: before (the issue's), measured and the ratio."""
    demo = measured["load: logged-in overview, demo agreements (AN)"]
    ceiling = measured["load: login page (ceiling)"]
    results.target(
        "logged-in overview ?year=2022, 20 connections",
        "52–55 req/s, p95 460–660 ms",
        f"{demo['rps']:.0f} req/s ({demo['rps'] / 53.5:.1f}×), p95 {demo['p95_ms']:.0f} ms, "
        f"{demo['errors']} errors (login {ceiling['rps']:.0f})",
        "≥ 300 req/s, p95 < 150 ms",
        None if smoke else (demo["rps"] >= 300 and demo["p95_ms"] < 150 and demo["errors"] == 0),
    )
    for name, before in BEFORE_RPS.items():
        report = measured[f"load: {name}"]
        results.target(
            f"{name}, 20 connections",
            f"{before} req/s (issue)",
            f"{report['rps']:.0f} req/s ({report['rps'] / before:.1f}×), p95 {report['p95_ms']:.0f} ms, "
            f"{report['errors']} errors",
            f"≥ {TARGET_RPS[name]} req/s",
            None if smoke else (report["rps"] >= TARGET_RPS[name] and report["errors"] == 0),
        )
    results.target(
        "worker CPU per overview request",
        "25–32 ms (issue; login 5)",
        f"{demo['cpu_ms']:.1f} ms ({28.5 / max(demo['cpu_ms'], 0.01):.1f}× less; login {ceiling['cpu_ms']:.1f})",
        "≤ 6 ms",
        None if smoke else demo["cpu_ms"] <= 6,
    )
