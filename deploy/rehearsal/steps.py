"""Steps 1, 2, 3, 5 and 7 of the rehearsal (issue 21): what users of both servers see, the race
for the last place, a gunicorn killed under load, a backup during writes restored, the logs.
Each step raises AssertionError with what it saw, or returns its figures."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from decimal import Decimal
from urllib.parse import urlsplit

import requests

from .web import Load, summary


def fresh_connection():
    from django.db import connection

    connection.close()  # the rehearsal restarts PostgreSQL: never reuse a connection across steps


def step_login_on_both_servers(ctx) -> dict:
    from conftest import form_data
    from partnerships.models import Agreement

    site = ctx.site
    official = site.login("handlaggare", "demo-handlaggare-2026")
    for name in ("a", "b"):
        page = site.get(official, "/agreements/", server=name)
        assert page.status_code == 200, f"overview on server {name}: {page.status_code}"
    # Static files through the proxy (deploy/nginx.conf's /static/ block): CSS, not a redirect.
    css = re.search(r'href="(/static/[^"]+\.css)"', site.get(official, "/agreements/").text).group(1)
    answer = site.get(official, css)
    assert answer.status_code == 200 and answer.headers["Content-Type"].startswith("text/css"), (
        f"{css}: {answer.status_code} {answer.headers.get('Location', '')}"
    )
    plain = requests.get(f"http://127.0.0.1:{ctx.http_port}/agreements/", allow_redirects=False, timeout=10)
    assert plain.status_code == 301 and plain.headers["Location"].startswith("https://"), plain.status_code

    # An edit on A shows on B at once.
    fresh_connection()
    agreement = Agreement.objects.filter(committee__abbreviation="AN", stage=Agreement.Stage.DECIDED).first()
    edit = f"/agreements/{agreement.pk}/edit/"
    data = form_data(site.get(official, edit, server="a"))
    data["purpose"] = data["purpose"] + " (ändrat under repetitionen)"
    saved = site.post(official, edit, data, server="a")
    assert saved.status_code == 302, f"edit on A: {saved.status_code}"
    on_b = site.get(official, f"/agreements/{agreement.pk}/", server="b")
    assert "ändrat under repetitionen" in on_b.text, "the edit on A is not on B"

    # Single sign-on through the proxy, then both servers.
    requests.put(f"{ctx.oidc}/users/rehearsal-sub", json={
        "email": "sso.handlaggare@kommun.se", "preferred_username": "sso.handlaggare",
        "given_name": "Sso", "family_name": "Handläggare", "groups": ["IOP-Handlaggare-AN"],
    }, timeout=10).raise_for_status()  # fmt: skip
    sso = site.session()
    start = site.get(sso, "/login/sso/")
    assert start.status_code == 302, f"SSO start: {start.status_code}"
    provider = requests.post(
        start.headers["Location"], data={"sub": "rehearsal-sub"}, allow_redirects=False, timeout=10
    )
    back = urlsplit(provider.headers["Location"])
    callback = site.get(sso, f"{back.path}?{back.query}")
    assert callback.status_code == 302 and "/login" not in callback.headers["Location"], callback.status_code
    for name in ("a", "b"):
        page = site.get(sso, f"/agreements/{agreement.pk}/", server=name)
        assert page.status_code == 200, f"SSO user on server {name}: {page.status_code}"
    ctx.official = official
    ctx.agreement = agreement
    return {"servers": 2, "logins": "password and SSO", "static": css.rsplit("/", 1)[-1]}


def step_race_for_the_last_place(ctx) -> dict:
    from participants.models import Placement
    from participants.tests.factories import AgreementFactory, ParticipantFactory
    from partnerships.models import Agreement

    fresh_connection()
    today = date.today()
    agreement = AgreementFactory(
        committee=ctx.agreement.committee,
        name="Sista platsen (repetition)",
        valid_from=date(today.year, 1, 1),
        valid_to=date(today.year, 12, 31),
        price_level_year=today.year,
        capacity_amount=Decimal("1"),
        capacity_unit=Agreement.CapacityUnit.INDIVIDUALS_PER_YEAR,
    )
    people = [ParticipantFactory(first_name=f"Rep{n}", last_name="Repetitionsson") for n in range(50)]
    site = ctx.site
    coordinators = {name: site.login("koordinator", "demo-koordinator-2026") for name in ("a", "b")}

    def assign(index: int) -> int:
        server = "a" if index % 2 else "b"
        path = f"/participants/{people[index].pk}/assign/"
        data = {
            "start": today.isoformat(),
            "agreement": agreement.pk,
            "planned_end": "",
            "days_per_week": 2,
            "goals": "",
        }
        return site.post(
            coordinators[server], path, data, server=server, form_path=f"{path}?start={today}", timeout=120
        ).status_code

    with ThreadPoolExecutor(max_workers=16) as pool:
        statuses = list(pool.map(assign, range(len(people))))
    placed = Placement.objects.filter(agreement=agreement).count()
    assert placed == 1, f"{placed} placements for one place"
    assert sorted(statuses) == [200] * 49 + [302], f"answers: {sorted(statuses)}"
    ctx.people = people
    return {"requests": 50, "placements": placed, "refused with the capacity message": statuses.count(200)}


def light_load(ctx, users: int = 4) -> Load:
    """Half officials on the overview and agreement pages, half coordinators searching for a
    participant by personnummer and by name (the query strings no log may keep, row 17)."""
    from urllib.parse import quote

    from participants.models import Participant

    fresh_connection()
    person = Participant.objects.exclude(personnummer=None).order_by("pk").first()
    agreement = ctx.agreement.pk
    official = ["/agreements/", f"/agreements/{agreement}/", "/", "/partners/", "/agreements/?year=2022"]
    coordinator = [
        f"/participants/?q={quote(str(person.personnummer))}",
        "/participants/",
        f"/participants/?q={quote(person.last_name)}",
        "/agreements/",
    ]
    sessions, paths = [], []
    for n in range(users):
        if n % 2:
            sessions.append(ctx.site.login("koordinator", "demo-koordinator-2026"))
            paths.append(coordinator)
        else:
            sessions.append(ctx.site.login("handlaggare", "demo-handlaggare-2026"))
            paths.append(official)
    return Load(ctx.site, sessions, paths)


def step_kill_one_gunicorn(ctx) -> dict:
    users = 4
    with light_load(ctx, users) as load:
        time.sleep(2)
        killed_at = time.monotonic()
        ctx.web["a"].kill()
        time.sleep(6)  # the unit's RestartSec=2, then gunicorn's start
    errors = [a for a in load.between(killed_at - 0.5, time.monotonic()) if not 200 <= a.status < 400]
    assert len(errors) <= users, (
        f"{len(errors)} errors after the kill ({summary(errors)}); at most {users} in flight"
    )
    late = [a for a in errors if a.at > killed_at + 2]
    assert not late, f"errors after the requests in flight: {summary(late)}"
    back = wait_for_server(ctx, "a", killed_at)
    return {
        "requests": len(load.answers),
        "errors users saw": len(errors),
        "gunicorn A starts": ctx.web["a"].starts,
        "A answering again after s": back,
    }


def wait_for_server(ctx, name: str, since: float, seconds: float = 60) -> float:
    while time.monotonic() - since < seconds:
        try:
            if ctx.site.get(ctx.official, "/agreements/", server=name, timeout=10).status_code == 200:
                return round(time.monotonic() - since, 1)
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise AssertionError(f"server {name} not answering {seconds} s after it was killed")


def manage(ctx, *args: str, owner: bool = False, env: dict | None = None, check: bool = True):
    environment = {**ctx.env, **(ctx.owner_env if owner else {}), **(env or {})}
    started = time.monotonic()
    done = subprocess.run(
        [ctx.python, "manage.py", *args],
        cwd=ctx.base_dir,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
    )
    took = time.monotonic() - started
    (ctx.stack.logs / "commands.log").open("a").write(
        f"$ manage.py {' '.join(args)} ({took:.1f} s)\n{done.stdout}{done.stderr}\n"
    )
    if check and done.returncode != 0:
        raise AssertionError(
            f"manage.py {' '.join(args)} exited {done.returncode}: {(done.stderr or done.stdout)[-800:]}"
        )
    return done


def step_backup_during_writes_restores(ctx) -> dict:
    import boto3

    fresh_connection()
    coordinators = [ctx.site.login("koordinator", "demo-koordinator-2026") for _ in range(3)]
    paths = [f"/participants/{p.pk}/" for p in ctx.people[:20]] + ["/participants/"]
    from deploy.rehearsal.faults import upload

    for n in range(2):  # documents in the bucket for the backup to carry (4b adds one more)
        stored = upload(ctx, ctx.official, f"Inför säkerhetskopian {n}")
        assert stored.status_code == 302, f"an upload before the backup answered {stored.status_code}"
    backup = ctx.stack.tmp / "backup"
    with Load(ctx.site, coordinators, paths, pause=0.0) as load:
        time.sleep(1)
        started = time.monotonic()
        manage(ctx, "backup", "--output", str(backup), owner=True)
        took = time.monotonic() - started
        during = len(load.between(started, time.monotonic()))
    manifest = json.loads((backup / "manifest.json").read_text())
    ctx.pg.psql("CREATE DATABASE iop_restore OWNER iop_owner;")
    s3 = boto3.client(
        "s3",
        endpoint_url=ctx.s3_url,
        aws_access_key_id="rehearsal",
        aws_secret_access_key="rehearsal",
        region_name="eu-north-1",
    )
    s3.create_bucket(Bucket="iop-restore", CreateBucketConfiguration={"LocationConstraint": "eu-north-1"})
    restore_env = {
        "DATABASE_URL": ctx.pg.url("iop_owner", ctx.owner_password, "iop_restore"),
        "S3_BUCKET": "iop-restore",
    }
    manage(ctx, "restore", str(backup), owner=True, env=restore_env)
    # Compared again here, independently of restore's own check.
    tables = manifest.get("tables") or manifest.get("row_counts") or {}
    differ = {}
    for table, rows in tables.items():
        got = int(ctx.pg.psql(f'SELECT count(*) FROM "{table}";', database="iop_restore"))
        if got != rows:
            differ[table] = (rows, got)
    assert tables and not differ, f"rows differ from the backup's manifest: {differ}"
    documents = manifest.get("documents") or []
    for document in documents:
        name, expected = document.get("name") or document.get("path"), document.get("sha256")
        key = f"{ctx.env.get('S3_PREFIX', 'attachments')}/{name}"
        body = s3.get_object(Bucket="iop-restore", Key=key)["Body"].read()
        assert hashlib.sha256(body).hexdigest() == expected, f"document {name} differs after the restore"
    return {
        "requests during the backup": during,
        "backup seconds": round(took, 1),
        "tables compared": len(tables),
        "rows compared": sum(tables.values()),
        "documents compared": len(documents),
        "access-log rows": tables.get("audit_accesslogentry"),
        "errors users saw": len([a for a in load.answers if a.status >= 400 or a.status == 0]),
    }


PERSONNUMMER = re.compile(r"\b(?:19|20)?\d{6}[-+]?\d{4}\b")


def step_logs(ctx) -> dict:
    from participants.models import Participant

    fresh_connection()
    secrets = set()
    for number, first, last in Participant.objects.exclude(personnummer=None).values_list(
        "personnummer", "first_name", "last_name"
    ):
        digits = re.sub(r"\D", "", str(number))
        secrets |= {
            digits,
            digits[2:],
            f"{digits[:8]}-{digits[8:]}",
            f"{digits[2:8]}-{digits[8:]}",
            f"{first} {last}",
            last,  # the coordinators' load searches by last name too
        }
    problems, lines_read = [], 0
    for path in sorted(ctx.stack.logs.glob("*.log")):
        if path.name in (
            "commands.log",
            "redis.log",
            "moto.log",
            "oidc.log",
            "nginx-default-access.log",
        ):
            continue  # the rehearsal's own output and the stand-ins' servers
        for number, line in enumerate(path.read_text(errors="replace").splitlines(), 1):
            if not line.strip():
                continue
            lines_read += 1
            where = f"{path.name}:{number}"
            if path.name.startswith("nginx-"):
                if "?" in line.split('"')[1] if line.count('"') >= 2 else False:
                    problems.append(f"{where}: a query string in nginx's log")
            else:
                try:
                    json.loads(line)
                except ValueError:
                    problems.append(f"{where}: not JSON: {line[:120]}")
            if any(secret in line for secret in secrets):
                problems.append(f"{where}: a participant's personnummer or name")
    assert not problems, f"{len(problems)} problems, e.g. " + "; ".join(problems[:6])
    assert lines_read > 100, f"only {lines_read} log lines read"
    return {"log lines read": lines_read, "participants searched for": len(secrets) // 5}
