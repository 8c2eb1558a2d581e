"""The load test: gunicorn with the project's production configuration and wrk, on 127.0.0.1 only.

gunicorn reads `gunicorn.conf.py` when the project has one; otherwise the same settings are
passed as flags (5 sync workers, max_requests with jitter). wrk runs headless for a fixed time
against the login page and a static file (the ceilings) and the logged-in overview, 20
connections each, and reports requests/s, p95 and errors through a small Lua script.
"""

from __future__ import annotations

import json
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


def wrk(url: str, seconds: int, connections: int, script: Path, cookie: str | None = None) -> dict:
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
    output = subprocess.run(command, check=True, capture_output=True, text=True, timeout=seconds + 60).stdout
    report = json.loads(next(line for line in output.splitlines() if line.startswith("{")))
    report["rps"] = report["requests"] / report["seconds"]
    return report


def run(results, env: dict, work: Path, *, smoke: bool) -> None:
    from django.templatetags.static import static
    from django.test import Client

    from bench.scale_data import bench_users
    from partnerships.models import Committee

    seconds = 1 if smoke else 15
    client = Client()
    client.force_login(bench_users()["bench-handlaggare"])
    cookie = f"sessionid={client.cookies['sessionid'].value}"
    port = free_port()
    script = work / "report.lua"
    script.write_text(WRK_REPORT)
    log = work / "gunicorn.log"  # kept for a run whose figures look wrong (workers killed, errors)
    server = subprocess.Popen(
        gunicorn_command(port), env=env, cwd=ROOT, stdout=log.open("w"), stderr=subprocess.STDOUT
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
            ("load: static file (ceiling)", f"{base}{static('css/app.css')}", None),
            ("load: login page (ceiling)", f"{base}/login/", None),
            ("load: logged-in overview, demo+scale data", f"{base}/agreements/?year={year}", cookie),
            (
                "load: logged-in overview, demo agreements (AN)",
                f"{base}/agreements/?year=2022&committee={Committee.objects.get(abbreviation='AN').pk}",
                cookie,
            ),
        ]
        measured = {}
        for what, url, with_cookie in targets:
            if not smoke:
                wrk(url, 2, 20, script, with_cookie)  # warm every worker
            report = wrk(url, seconds, 20, script, with_cookie)
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
            )
    finally:
        server.terminate()  # graceful: workers finish the request they hold (slow on a loaded machine)
        try:
            server.wait(timeout=90)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=30)
    demo = measured["load: logged-in overview, demo agreements (AN)"]
    ceiling = measured["load: login page (ceiling)"]
    results.target(
        "logged-in overview, 20 connections",
        "45–50 req/s, p95 ~600 ms",
        f"{demo['rps']:.0f} req/s, p95 {demo['p95_ms']:.0f} ms, {demo['errors']} errors (login {ceiling['rps']:.0f})",
        "≥ 300 req/s, p95 < 150 ms",
        None if smoke else (demo["rps"] >= 300 and demo["p95_ms"] < 150 and demo["errors"] == 0),
    )
