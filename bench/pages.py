"""Time the main pages at growing data sizes: median of repeated requests and query count.

Usage: python bench/pages.py [--rows 50 500] [--repeat 15]
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
os.environ.setdefault("SECRET_KEY", "bench-only-" + "x" * 50)
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")

import django  # noqa: E402

django.setup()

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


def measure(client, url: str, repeat: int) -> tuple[float, int]:
    client.get(url)  # warm caches
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return statistics.median(times) * 1000, len(queries)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, nargs="+", default=[50, 500])
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()

    from django.conf import settings
    from django.contrib.auth.models import Group, User
    from django.test import Client
    from django.test.utils import get_runner

    setup_test_environment()
    from django.test import override_settings

    override_settings(
        STORAGES={
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
    ).enable()
    runner = get_runner(settings)(verbosity=0)
    old = runner.setup_databases()
    try:
        user = User.objects.create_user("bench")
        user.groups.add(Group.objects.get(name="handläggare"))
        client = Client()
        client.force_login(user)
        print(f"{'rows':>6} {'page':<28} {'median ms':>10} {'queries':>8}")
        for rows in sorted(args.rows):
            fill(rows)
            for url in ["/agreements/?year=2022", "/partners/"]:
                ms, queries = measure(client, url, args.repeat)
                print(f"{rows:>6} {url:<28} {ms:>10.1f} {queries:>8}")
    finally:
        runner.teardown_databases(old)


if __name__ == "__main__":
    main()
