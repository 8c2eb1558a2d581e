"""The production rehearsal (`make rehearse`, issue 21): the README's Production section run as
written, on this machine, on 127.0.0.1 and free ports — a PostgreSQL cluster with the owner and
application roles (the README's SQL), Redis, an S3 server (moto) with the bucket made first, an
SMTP sink, the OpenID Connect mock, the env file from deploy/iop-registret.env.example, migrate as
the owner, two gunicorns and the task worker as their systemd units run them, Debian's nginx
with deploy/nginx.conf (checked with `nginx -t`) — then the checks, each a named step with a
PASS/FAIL line and its figures. Everything is stopped at the end; exit 1 if any step failed.

    .venv/bin/python deploy/rehearsal/rehearse.py [--keep]   # --keep: leave the folder for reading
"""

from __future__ import annotations

import os
import secrets
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path
from types import SimpleNamespace

BASE_DIR = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(BASE_DIR))

from deploy.rehearsal import faults, steps, upgrade  # noqa: E402
from deploy.rehearsal.services import (  # noqa: E402
    VENV_BIN,
    Postgres,
    Relay,
    Service,
    SmtpSink,
    Stack,
    free_port,
    nginx_config,
    self_signed_certificate,
    wait_for_port,
)
from deploy.rehearsal.web import Site  # noqa: E402

# The release this one upgrades from (step 6): the last commit before issue 21's work.
PREVIOUS_RELEASE = "5873c17b7234f155a9802a81913ad017fbeb375c"
# The last release before committee memberships (accounts.0008_committee_membership came after it).
BEFORE_COMMITTEES = "0c29ffc9d38236474ed41a35c24acc69f1992ee8"

OIDC_ROLE_MAP = '{"IOP-Handlaggare-AN": {"role": "handläggare", "committees": ["AN"]}}'


def readme_sql(owner_password: str, app_password: str) -> str:
    """The README's SQL for the two roles ("The database role without table ownership"), as
    written, with the passwords filled in."""
    readme = (BASE_DIR / "README.md").read_text()
    section = readme.split("### The database role without table ownership", 1)[1]
    sql = section.split("```sql", 1)[1].split("```", 1)[0]
    sql = sql.replace("'…'", f"'{owner_password}'", 1).replace("'…'", f"'{app_password}'", 1)
    assert "…" not in sql, "the README's SQL has a placeholder the rehearsal does not know"
    return sql


def env_file(ctx) -> dict[str, str]:
    """deploy/iop-registret.env.example with this machine's addresses and secrets; written to the
    folder and read back the way a shell does (`set -a; . FILE`), as the README says."""
    values = {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": ctx.pg.url("iop_app", ctx.app_password, "iop_registry"),
        "REDIS_URL": f"redis://127.0.0.1:{ctx.redis_port}/0",
        "S3_BUCKET": "iop-registret-documents",
        "S3_ENDPOINT_URL": ctx.s3_url,
        "S3_ACCESS_KEY_ID": "rehearsal",
        "S3_SECRET_ACCESS_KEY": "rehearsal",
        "STATIC_ROOT": str(ctx.stack.tmp / "static"),
        "GUNICORN_FORWARDED_ALLOW_IPS": "127.0.0.1",
    }
    lines = []
    for line in (BASE_DIR / "deploy" / "iop-registret.env.example").read_text().splitlines():
        name = line.split("=", 1)[0]
        if name in values and not line.startswith("#"):
            line = f"{name}={shlex.quote(values.pop(name))}"
        lines.append(line)
    extra = {
        "SITE_URL": ctx.site_url,
        "EMAIL_URL": f"smtp://127.0.0.1:{ctx.smtp.port}",
        "GUNICORN_WORKERS": "3",
        "OIDC_RP_CLIENT_ID": "iop-registret",
        "OIDC_RP_CLIENT_SECRET": "rehearsal-secret",
        **oidc_endpoints(ctx.oidc),
        "OIDC_ROLE_MAP": OIDC_ROLE_MAP,
        "TASK_WORKER_MAX_SILENCE_SECONDS": "20",
        **values,
    }
    lines += [f"{k}={shlex.quote(v)}" for k, v in extra.items()]
    path = ctx.stack.tmp / "env"
    path.write_text("\n".join(lines) + "\n")
    shell = subprocess.run(
        ["bash", "-c", f"set -a; . {path}; set +a; env -0"], capture_output=True, check=True, env={}
    )
    read = dict(item.split("=", 1) for item in shell.stdout.decode().split("\0") if "=" in item)
    for name in ("PWD", "SHLVL", "_", "OLDPWD"):
        read.pop(name, None)
    return read


def oidc_endpoints(base: str) -> dict[str, str]:
    import requests

    found = requests.get(f"{base}/.well-known/openid-configuration", timeout=10).json()
    return {
        "OIDC_OP_AUTHORIZATION_ENDPOINT": found["authorization_endpoint"],
        "OIDC_OP_TOKEN_ENDPOINT": found["token_endpoint"],
        "OIDC_OP_JWKS_ENDPOINT": found["jwks_uri"],
    }


def bring_up(stack: Stack) -> SimpleNamespace:
    import boto3
    import requests

    ctx = SimpleNamespace(
        stack=stack,
        base_dir=BASE_DIR,
        python=sys.executable,
        previous_release=PREVIOUS_RELEASE,
        before_committees=BEFORE_COMMITTEES,
    )
    ctx.owner_password, ctx.app_password = secrets.token_hex(12), secrets.token_hex(12)
    ctx.pg = Postgres(stack)
    ctx.pg.start_new()
    ctx.pg.psql(readme_sql(ctx.owner_password, ctx.app_password))

    ctx.redis_port = free_port()
    redis_argv = [
        "redis-server",
        "--bind",
        "127.0.0.1",
        "--port",
        str(ctx.redis_port),
        "--save",
        "",
        "--appendonly",
        "no",
    ]
    ctx.redis = SimpleNamespace(process=None)
    ctx.redis.start = lambda: (
        setattr(ctx.redis, "process", stack.spawn("redis", redis_argv)) or wait_for_port(ctx.redis_port)
    )
    ctx.redis.stop = lambda: ctx.redis.process.terminate() or ctx.redis.process.wait(10)
    ctx.redis.start()

    moto_port = free_port()
    stack.spawn("moto", [str(VENV_BIN / "moto_server"), "-H", "127.0.0.1", "-p", str(moto_port)])
    wait_for_port(moto_port)
    ctx.s3_relay = Relay(moto_port)
    ctx.s3_relay.start()
    stack.closers.append(ctx.s3_relay.cut)
    ctx.s3_url = f"http://127.0.0.1:{ctx.s3_relay.port}"
    # The README: the bucket is made before the servers start, private.
    boto3.client("s3", endpoint_url=ctx.s3_url, aws_access_key_id="rehearsal", aws_secret_access_key="rehearsal",
                 region_name="eu-north-1").create_bucket(
        Bucket="iop-registret-documents", CreateBucketConfiguration={"LocationConstraint": "eu-north-1"})  # fmt: skip

    ctx.smtp = SmtpSink()
    ctx.smtp.start()
    stack.closers.append(ctx.smtp.stop)
    oidc_port = free_port()
    stack.spawn("oidc", [str(VENV_BIN / "oidc-provider-mock"), "-H", "127.0.0.1", "-p", str(oidc_port)])
    ctx.oidc = f"http://127.0.0.1:{oidc_port}"
    wait_for_port(oidc_port)
    for _ in range(50):
        try:
            requests.get(f"{ctx.oidc}/.well-known/openid-configuration", timeout=2).raise_for_status()
            break
        except requests.RequestException:
            time.sleep(0.2)

    ctx.http_port, ctx.https_port = free_port(), free_port()
    ctx.site_url = f"https://127.0.0.1:{ctx.https_port}"
    ctx.env = {**env_file(ctx), "PATH": os.environ["PATH"], "LANG": "C.UTF-8"}
    ctx.owner_env = {"DATABASE_URL": ctx.pg.url("iop_owner", ctx.owner_password, "iop_registry")}

    # Install and upgrade as the README says: collectstatic, migrate as the owner role.
    steps.manage(ctx, "collectstatic", "--noinput", "-v0")
    steps.manage(ctx, "migrate", "--noinput", owner=True)
    # The demo's agreements, participants and users (the data the checks work on).
    steps.manage(ctx, "load_demo", env={"DEBUG": "1"})

    ctx.web, servers = {}, {}
    for name in ("a", "b"):
        port = free_port()
        ctx.web[name] = Service(
            stack,
            f"gunicorn-{name}",
            "iop-registret-web.service",
            {**ctx.env, "GUNICORN_BIND": f"127.0.0.1:{port}"},
        )
        ctx.web[name].start()
        servers[name] = f"http://127.0.0.1:{port}"
    ctx.worker = Service(stack, "worker", "iop-registret-worker.service", ctx.env)
    ctx.worker.start()
    for name, url in servers.items():
        wait_for_port(int(url.rsplit(":", 1)[1]), 60, ctx.web[name].process)

    cert, key = self_signed_certificate(stack.tmp)
    config = nginx_config(
        stack, [int(u.rsplit(":", 1)[1]) for u in servers.values()], ctx.http_port, ctx.https_port, cert, key
    )
    tested = subprocess.run(
        ["nginx", "-t", "-c", str(config), "-p", str(stack.tmp)], capture_output=True, text=True
    )
    if tested.returncode != 0:
        raise AssertionError(f"nginx -t refuses deploy/nginx.conf: {tested.stderr.strip()}")
    nginx = stack.spawn("nginx", ["nginx", "-c", str(config), "-p", str(stack.tmp)])
    wait_for_port(ctx.https_port, 30, nginx)
    ctx.site = Site(ctx.site_url, str(cert), servers)

    # The rehearsal's own checks read the database as the owner, with the servers' settings.
    os.environ.update({**ctx.env, **ctx.owner_env, "DJANGO_SETTINGS_MODULE": "iop_registry.settings"})
    import django

    django.setup()
    return ctx


STEPS = [
    ("1 login once, both servers, an edit on one shows on the other", steps.step_login_on_both_servers),
    ("2 the last place raced by 50 requests over both servers", steps.step_race_for_the_last_place),
    ("3 kill -9 one gunicorn under light load", steps.step_kill_one_gunicorn),
    ("4a Redis stopped under light load", faults.step_redis_stopped),
    ("4b S3 cut off under light load", faults.step_s3_cut_off),
    ("4c the mail server stopped", faults.step_smtp_stopped),
    ("4d PostgreSQL restarted under light load", faults.step_postgres_restarted),
    ("4e the worker killed", faults.step_worker_killed),
    ("5 a backup taken during writes restores", steps.step_backup_during_writes_restores),
    ("6a upgrade from the previous release", upgrade.step_upgrade_from_the_previous_release),
    ("6b upgrade from the release before committees", upgrade.step_upgrade_from_before_committees),
    ("7 every log line JSON or nginx's, no query string, no personnummer or name", steps.step_logs),
]


def _stop_on_signal(signum, frame):
    raise SystemExit(f"stopped by signal {signum}")  # so that `finally` stops every server


def main() -> int:
    signal.signal(signal.SIGTERM, _stop_on_signal)
    signal.signal(signal.SIGHUP, _stop_on_signal)
    keep = "--keep" in sys.argv
    only = [a for a in sys.argv[1:] if not a.startswith("--")]
    tmp = Path(tempfile.mkdtemp(prefix="iop-rehearsal-"))
    stack = Stack(tmp)
    failed = 0
    began = time.monotonic()
    try:
        started = time.monotonic()
        ctx = bring_up(stack)
        print(
            f"PASS 0 the Production section brought up: nginx -t, roles, migrate, two gunicorns, worker ({time.monotonic() - started:.1f} s)",
            flush=True,
        )
        for name, step in STEPS:
            if only and not any(name.startswith(o) for o in only):
                continue
            started = time.monotonic()
            try:
                figures = step(ctx)
                figures = ", ".join(f"{k}: {v}" for k, v in (figures or {}).items())
                print(f"PASS {name} ({time.monotonic() - started:.1f} s) — {figures}", flush=True)
            except Exception as error:
                failed += 1
                print(f"FAIL {name} ({time.monotonic() - started:.1f} s) — {error}", flush=True)
                if not isinstance(error, AssertionError):
                    traceback.print_exc()
    except Exception as error:
        failed += 1
        print(f"FAIL 0 bringing up the Production section — {error}", flush=True)
        traceback.print_exc()
    finally:
        stack.close()
        if keep or failed:
            print(f"Logs and configuration: {tmp}", flush=True)
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    print(
        f"Rehearsal: {len(STEPS) if not only else len(only)} steps, {failed} failed, {time.monotonic() - began:.0f} s",
        flush=True,
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
