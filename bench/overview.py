"""Time the overview page against the way it was built before, in the same run.

Usage: python bench/overview.py [--rows 1000] [--repeat 15]

Three figures at N agreements, each the median of repeated requests through the whole stack:
- "before": the old view (django-tables2 renders every cell, no cache), bench/legacy_overview.py;
- "now, cold": partnerships.views.overview with the cache emptied before every request;
- "now": partnerships.views.overview as a user meets it (rows cached per year and filter).
The ratio before / now is the target of issue 10 (at least 4×). Timings only: tests assert the
query counts, never times.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iop_registry.settings")
os.environ.setdefault("SECRET_KEY", "bench-only")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402


def fill(rows: int) -> None:
    from partnerships import demo
    from partnerships.models import Agreement, AgreementParty, Committee, Partner

    demo.load()
    committee = Committee.objects.get(abbreviation="AN")
    partners = list(Partner.objects.all())
    existing = Agreement.objects.count()
    for n in range(existing, rows):
        agreement = Agreement.objects.create(
            name=f"Bench {n}",
            committee=committee,
            purpose="arbetslik aktivitet",
            stage="decided",
            value_per_year=Decimal(100_000 + n),
            committee_cost_per_year=Decimal(50_000),
            price_level_year=2022,
            indexation_percent=Decimal(2),
            valid_from=date(2022, 1, 1),
            valid_to=date(2023, 12, 31),
        )
        AgreementParty.objects.create(agreement=agreement, partner=partners[n % len(partners)])


def measure(client, url: str, repeat: int, *, cold: bool = False) -> tuple[float, int]:
    client.get(url)  # warm the process (templates, translations)
    times = []
    for _ in range(repeat):
        if cold:
            cache.clear()
        start = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    if cold:
        cache.clear()
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return statistics.median(times) * 1000, len(queries)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()

    from django.conf import settings
    from django.contrib.auth.models import Group, User
    from django.test import Client, override_settings
    from django.test.utils import get_runner

    setup_test_environment()
    templates = [
        {
            **settings.TEMPLATES[0],
            "DIRS": [*settings.TEMPLATES[0]["DIRS"], Path(__file__).parent / "templates"],
        }
    ]
    override_settings(
        ROOT_URLCONF="bench.urls",
        TEMPLATES=templates,
        STORAGES={
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
    ).enable()
    runner = get_runner(settings)(verbosity=0)
    old = runner.setup_databases()
    try:
        user = User.objects.create_user("bench")
        user.groups.add(Group.objects.get(name="handläggare"))
        client = Client()
        client.force_login(user)
        fill(args.rows)
        query = "?year=2022"
        before, before_q = measure(client, f"/bench/legacy-overview/{query}", args.repeat)
        cold, cold_q = measure(client, f"/agreements/{query}", args.repeat, cold=True)
        now, now_q = measure(client, f"/agreements/{query}", args.repeat)
        print(f"{'overview at ' + str(args.rows) + ' agreements':<34} {'median ms':>10} {'queries':>8}")
        print(f"{'before (django-tables2, no cache)':<34} {before:>10.1f} {before_q:>8}")
        print(f"{'now, cache emptied every request':<34} {cold:>10.1f} {cold_q:>8}")
        print(f"{'now (rows cached)':<34} {now:>10.1f} {now_q:>8}")
        print(f"before / now: {before / now:.1f}×   before / now cold: {before / cold:.1f}×")
    finally:
        runner.teardown_databases(old)


if __name__ == "__main__":
    main()
