"""Step 4 of the rehearsal: each dependency fails during light load — Redis stopped, S3 cut off,
the mail server stopped, PostgreSQL restarted, the worker killed. The site keeps answering what
it can, says in Swedish what it cannot, saves nothing by halves, names the failed dependency at
/health/, and comes back by itself."""

from __future__ import annotations

import re
import time

import requests

from .steps import fresh_connection, light_load, manage
from .web import summary


def health(ctx) -> tuple[int, dict]:
    answer = requests.get(
        ctx.site.base + "/health/", headers={"Accept": "application/json"}, verify=ctx.site.cert, timeout=30
    )
    try:
        return answer.status_code, answer.json().get("checks", {})
    except ValueError:
        return answer.status_code, {"(not JSON)": answer.text[:200]}


def failing(checks: dict) -> set[str]:
    return {name for name, state in checks.items() if not str(state).upper().startswith("OK")}


def wait_until_healthy(ctx, seconds: float) -> float:
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        status, checks = health(ctx)
        if status == 200 and not failing(checks):
            return time.monotonic() - started
        time.sleep(1)
    raise AssertionError(f"/health/ not OK {seconds} s after the fault ended: {health(ctx)}")


def expect_named(ctx, name: str) -> str:
    """/health/ answers 503 and names `name` (and nothing else) as what failed."""
    status, checks = health(ctx)
    assert status == 503 and failing(checks) == {name}, f"/health/ during the fault: {status} {checks}"
    return str(checks[name])


def server_errors(answers) -> list:
    return [a for a in answers if a.status >= 500 or a.status == 0]


def step_redis_stopped(ctx) -> dict:
    with light_load(ctx) as load:
        time.sleep(1)
        start = time.monotonic()
        ctx.redis.stop()
        time.sleep(2)
        said = expect_named(ctx, "cache")
        time.sleep(8)
        ctx.redis.start()
        end = time.monotonic()
        back = wait_until_healthy(ctx, 30)
    during = load.between(start, end)
    errors = server_errors(during)
    assert during and not errors, f"answers while Redis was stopped: {summary(during)}"
    return {
        "requests during the outage": len(during),
        "errors users saw": 0,
        "/health/ said": said,
        "healthy again after s": round(back, 1),
    }


def upload(ctx, session, title: str):
    from partnerships.tests.test_attachments import PDF_BYTES  # a PDF the upload checks accept

    agreement = ctx.agreement.pk
    return ctx.site.post(
        session,
        f"/agreements/{agreement}/attachments/",
        {"kind": "signed", "title": title},
        form_path=f"/agreements/{agreement}/",
        files={"file": ("Overenskommelse.pdf", PDF_BYTES, "application/pdf")},
    )


def step_s3_cut_off(ctx) -> dict:
    from partnerships.models import AgreementAttachment

    fresh_connection()
    before = AgreementAttachment.objects.count()
    with light_load(ctx) as load:
        time.sleep(1)
        start = time.monotonic()
        ctx.s3_relay.cut()
        time.sleep(1)
        refused = upload(ctx, ctx.official, "Under S3-avbrottet")
        said = expect_named(ctx, "storage")
        time.sleep(3)
        ctx.s3_relay.start()
        end = time.monotonic()
        back = wait_until_healthy(ctx, 30)
    assert refused.status_code < 500, f"an upload with S3 cut off answered {refused.status_code}"
    told = (
        ctx.site.get(ctx.official, refused.headers["Location"]).text
        if refused.status_code == 302
        else refused.text
    )
    alerts = re.findall(r'<div class="alert[^>]*>(.*?)</div>', told, re.S)
    assert "Dokumentlagringen svarar inte" in told, (
        f"no Swedish message that nothing was saved ({refused.status_code}, the page said {alerts})"
    )
    fresh_connection()
    assert AgreementAttachment.objects.count() == before, "a document row without its file"
    accepted = upload(ctx, ctx.official, "Efter S3-avbrottet")
    assert accepted.status_code == 302 and AgreementAttachment.objects.count() == before + 1, (
        accepted.status_code
    )
    errors = server_errors(load.between(start, end))
    assert not errors, f"pages while S3 was cut off: {summary(errors)}"
    return {
        "upload during the outage": refused.status_code,
        "rows half-saved": 0,
        "/health/ said": said,
        "healthy again after s": round(back, 1),
    }


def step_smtp_stopped(ctx) -> dict:
    """An official invites a partner's new user while the mail server is down: the invitation is
    kept, the official is told in Swedish, and the next run (`remind`, as the daily job) sends it,
    once."""
    from accounts.models import Invitation

    fresh_connection()
    partner = ctx.agreement.parties.first().partner
    address = "ny.anvandare@forening.example"
    sink = ctx.smtp
    sink.stop()
    try:
        invited = ctx.site.post(
            ctx.official,
            f"/partners/{partner.pk}/invite/",
            {"email": address},
            form_path=f"/partners/{partner.pk}/",
        )
        told = ctx.site.get(ctx.official, invited.headers.get("Location", f"/partners/{partner.pk}/"))
        first = manage(ctx, "remind")
    finally:
        sink.start()
    assert invited.status_code == 302, f"the invitation answered {invited.status_code}"
    assert "kunde inte skickas" in told.text, "the official is not told that the mail was not sent"
    fresh_connection()
    assert Invitation.objects.filter(email=address).count() == 1, "the invitation was not kept"
    assert "failed" in first.stdout, f"remind with the mail server down said: {first.stdout.strip()}"
    second = manage(ctx, "remind")
    third = manage(ctx, "remind")
    to_address = [m for m in sink.messages if address in m["to"]]
    assert len(to_address) == 1, f"{len(to_address)} mails to the invited address after the server came back"
    return {
        "the run with the server down said": first.stdout.strip().splitlines()[-1],
        "the next run said": second.stdout.strip().splitlines()[-1],
        "the run after": third.stdout.strip().splitlines()[-1],
        "mails to the invited address": len(to_address),
    }


def step_postgres_restarted(ctx) -> dict:
    starts = ctx.worker.starts
    with light_load(ctx) as load:
        time.sleep(1)
        start = time.monotonic()
        ctx.pg.stop()
        time.sleep(4)
        ctx.pg.start()
        end = time.monotonic()
        back = wait_until_healthy(ctx, 60)
        time.sleep(2)
    during = load.between(start, end + 1)
    bad = [
        a for a in during if a.status not in (200, 302, 503) or (a.status == 503 and "databas" not in a.text)
    ]
    assert not bad, f"answers while PostgreSQL restarted: {summary(bad)}; e.g. {bad[0].text[:200]}"
    assert ctx.worker.starts == starts, "the worker exited when PostgreSQL restarted (it should wait it out)"
    after = load.between(end + back, time.monotonic())
    assert after and all(a.status == 200 for a in after), f"after the restart: {summary(after)}"
    return {
        "answers during the restart": summary(during),
        "worker starts": ctx.worker.starts,
        "healthy again after s": round(back, 1),
    }


def step_worker_killed(ctx) -> dict:
    """kill -9 of the worker: the unit (Restart=always) brings it back and its heartbeat keeps
    /health/ green. Then the worker stopped for longer than TASK_WORKER_MAX_SILENCE_SECONDS:
    /health/ names the task queue, and is green again once it runs."""
    started = ctx.worker.starts
    killed_at = time.monotonic()
    ctx.worker.kill()
    while ctx.worker.starts == started and time.monotonic() - killed_at < 30:
        time.sleep(0.5)
    assert ctx.worker.starts == started + 1, "the worker did not come back"
    restarted = time.monotonic() - killed_at
    ctx.worker.pause()
    silence = int(ctx.env["TASK_WORKER_MAX_SILENCE_SECONDS"])
    time.sleep(silence + 5)
    said = expect_named(ctx, "task_queue")
    ctx.worker.resume()
    back = wait_until_healthy(ctx, 60)
    return {
        "worker back after kill -9, s": round(restarted, 1),
        f"/health/ with no worker for {silence + 5} s said": said,
        "healthy again after its start, s": round(back, 1),
    }
