"""Two machines, one system: two gunicorn instances (A and B) on their own ports, sharing one
PostgreSQL database, the Redis cache and an S3 bucket (moto in server mode).

Shows that a login on A continues on B, a document uploaded through A downloads through B, a
lockout earned on A holds on B, and 50 concurrent assignments for the last place, split over A
and B, give exactly one placement. The servers are stopped whatever the test's outcome.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
import redis
import requests
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection
from django.utils import timezone

from conftest import PASSWORD, make_user
from operations.worker import record_heartbeat
from participants.models import Placement
from participants.tests.factories import AgreementFactory, ParticipantFactory
from partnerships.models import Agreement, AgreementAttachment
from partnerships.tests.test_attachments import PDF_BYTES

from .conftest import BASE_DIR, REDIS_URL, free_port, make_bucket, stop, wait_for_port

pytestmark = [
    pytest.mark.skipif(
        "connection.vendor != 'postgresql'",
        reason="several servers share one database server: PostgreSQL (SQLite is one process's file)",
    ),
    pytest.mark.django_db(transaction=True),  # the servers see only what is committed
]
_ = connection  # read by the skipif condition

GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
FAILURE_LIMIT = 3


@pytest.fixture(scope="module")
def static_root(tmp_path_factory):
    """`collectstatic` once, as `make serve` does: production serves the hashed manifest."""
    root = tmp_path_factory.mktemp("static")
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=BASE_DIR,
        env={**os.environ, "STATIC_ROOT": str(root)},
        check=True,
        timeout=300,
    )
    return root


@pytest.fixture
def servers(static_root, moto_server, redis_url, tmp_path):
    """Start A and B; yield their base URLs; stop both afterwards, also when the test fails."""
    bucket = f"two-servers-{free_port()}"
    make_bucket(moto_server, bucket)
    db = connection.settings_dict
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DJANGO_ALLOW"))},
        "DEBUG": "0",
        "SECRET_KEY": "the-same-secret-on-every-server-of-the-two-server-test-0123456789",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "DATABASE_URL": f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        "REDIS_URL": redis_url,
        "S3_BUCKET": bucket,
        "S3_ENDPOINT_URL": moto_server,
        "S3_ACCESS_KEY_ID": "test",
        "S3_SECRET_ACCESS_KEY": "test",
        "S3_REGION": "eu-north-1",
        "STATIC_ROOT": str(static_root),
        "PRIVATE_MEDIA_ROOT": str(tmp_path / "not-used-with-s3"),
        "LOGIN_FAILURE_LIMIT": str(FAILURE_LIMIT),
        "GUNICORN_WORKERS": "2",
    }
    processes, urls = [], []
    try:
        for name in ("a", "b"):
            port = free_port()
            log = (tmp_path / f"gunicorn-{name}.log").open("w")
            processes.append(
                subprocess.Popen(
                    [GUNICORN, "-c", "gunicorn.conf.py"],
                    cwd=BASE_DIR,
                    env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}"},
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            )
            urls.append(f"http://127.0.0.1:{port}")
        for process, url in zip(processes, urls, strict=True):
            wait_for_port(int(url.rsplit(":", 1)[1]), process, seconds=60)
        yield {
            "a": urls[0],
            "b": urls[1],
            "bucket": bucket,
            "s3": moto_server,
            "log_a": tmp_path / "gunicorn-a.log",
        }
    finally:
        for process in processes:
            stop(process)


def user(username: str, role: str):
    """A user whose password hash the servers' default hasher reads (the tests' fast MD5 one
    is not in production's list)."""
    from django.contrib.auth import get_user_model

    created = make_user(get_user_model(), username, role)
    created.password = PBKDF2PasswordHasher().encode(PASSWORD, "twoservers", iterations=1000)
    created.save(update_fields=["password"])
    return created


def csrf_token(session: requests.Session, url: str) -> str:
    page = session.get(url, timeout=30)
    assert page.status_code == 200, (url, page.status_code)
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)


def login(session: requests.Session, base: str, username: str, password: str = PASSWORD) -> requests.Response:
    token = csrf_token(session, f"{base}/login/")
    return session.post(
        f"{base}/login/",
        {"username": username, "password": password, "csrfmiddlewaretoken": token},
        allow_redirects=False,
        timeout=30,
    )


def test_two_servers_share_sessions_documents_lockouts_and_capacity(servers):
    from accounts import roles

    a, b = servers["a"], servers["b"]
    user("alice", roles.OFFICIAL)
    user("bob", roles.COORDINATOR)
    user("charlie", roles.SECRETARY)
    agreement = AgreementFactory(
        valid_from=date(timezone.localdate().year, 1, 1),
        valid_to=date(timezone.localdate().year, 12, 31),
        capacity_amount=Decimal("1"),
        capacity_unit=Agreement.CapacityUnit.INDIVIDUALS_PER_YEAR,
    )

    # A login on A continues on B.
    official = requests.Session()
    assert login(official, a, "alice").status_code == 302
    detail = f"/agreements/{agreement.pk}/"
    on_b = official.get(b + detail, allow_redirects=False, timeout=30)
    assert on_b.status_code == 200, on_b.status_code
    assert agreement.name in on_b.text

    # A document uploaded through A downloads through B, from the shared bucket.
    token = csrf_token(official, a + detail)
    uploaded = official.post(
        f"{a}/agreements/{agreement.pk}/attachments/",
        data={"kind": "signed", "title": "", "csrfmiddlewaretoken": token},
        files={"file": ("Överenskommelse.pdf", PDF_BYTES, "application/pdf")},
        allow_redirects=False,
        timeout=30,
    )
    assert uploaded.status_code == 302, uploaded.text[:500]
    attachment = AgreementAttachment.objects.get()
    download = official.get(b + attachment.get_absolute_url(), timeout=30)
    assert download.status_code == 200
    assert (
        hashlib.sha256(download.content).hexdigest()
        == attachment.sha256
        == hashlib.sha256(PDF_BYTES).hexdigest()
    )
    anonymous = requests.get(
        f"{servers['s3']}/{servers['bucket']}/attachments/{attachment.file.name}", timeout=10
    )
    assert anonymous.status_code == 403

    # A lockout earned on A holds on B (the counts live in the shared database).
    attacker = requests.Session()
    statuses = [login(attacker, a, "charlie", "wrong").status_code for _ in range(FAILURE_LIMIT)]
    assert statuses == [200] * (FAILURE_LIMIT - 1) + [429]
    assert login(requests.Session(), b, "charlie").status_code == 429
    # One cache, in Redis: the overview A built is there for B.
    assert official.get(a + "/agreements/", timeout=30).status_code == 200
    assert redis.Redis.from_url(REDIS_URL).keys("iop:1:partnerships:overview:*")
    # No worker runs here: both servers fail the task queue, and both see a heartbeat written
    # to the shared database by a worker elsewhere.
    for base in (a, b):
        health = requests.get(base + "/health/", timeout=30)
        assert health.status_code == 503
        assert [name for name, state in health.json()["checks"].items() if state != "OK"] == ["task_queue"]
    record_heartbeat("elsewhere:1")
    assert {requests.get(base + "/health/", timeout=30).status_code for base in (a, b)} == {200}

    # 50 concurrent assignments for the last place, split over A and B: exactly one placement.
    people = [ParticipantFactory() for _ in range(50)]
    coordinators = {}
    for name, base in (("a", a), ("b", b)):
        coordinators[name] = requests.Session()
        assert login(coordinators[name], base, "bob").status_code == 302
    start = timezone.localdate().isoformat()

    def assign(index: int) -> int:
        name = "a" if index % 2 == 0 else "b"
        base, session = (a if name == "a" else b), coordinators[name]
        url = f"{base}/participants/{people[index].pk}/assign/"
        token = csrf_token(session, f"{url}?start={start}")
        response = session.post(
            url,
            {
                "start": start,
                "agreement": agreement.pk,
                "planned_end": "",
                "days_per_week": 2,
                "goals": "",
                "csrfmiddlewaretoken": token,
            },
            allow_redirects=False,
            timeout=120,
        )
        return response.status_code

    with ThreadPoolExecutor(max_workers=16) as pool:
        statuses = list(pool.map(assign, range(len(people))))
    assert sorted(statuses) == [200] * 49 + [302]
    assert Placement.objects.filter(agreement=agreement).count() == 1

    # gunicorn.conf.py's access log: one JSON object per request, the path without its query.
    lines = [json.loads(line) for line in servers["log_a"].read_text().splitlines() if line.startswith("{")]
    access = [line for line in lines if line.get("logger") == "gunicorn.access"]  # Django logs too
    assert {"method": "POST", "path": "/login/", "status": 302} in [
        {k: line[k] for k in ("method", "path", "status")} for line in access
    ]
    assert not any("?" in line["path"] for line in access)
