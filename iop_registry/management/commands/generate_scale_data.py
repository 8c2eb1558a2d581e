"""Fill the database with synthetic data at scale for the benchmarks (bench/scale_data.py)."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from bench.scale_data import generate


class Command(BaseCommand):
    help = (
        "Add N synthetic agreements, M participants and K placements (with follow-ups, memos and "
        "access-log rows) with COPY on PostgreSQL (bulk_create elsewhere), then ANALYZE, for `make bench`. "
        "Never on a production database."
    )

    def add_arguments(self, parser):
        parser.add_argument("--agreements", type=int, default=1000)
        parser.add_argument("--participants", type=int, default=30_000)
        parser.add_argument("--placements", type=int, default=100_000)
        parser.add_argument("--memos", type=int, default=None, help="Default: one per agreement.")
        parser.add_argument("--access-log", type=int, default=None, help="Default: one per placement.")
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, **options) -> None:
        start = time.perf_counter()
        counts = generate(
            agreements=options["agreements"],
            participants=options["participants"],
            placements=options["placements"],
            memos=options["memos"],
            access_log=options["access_log"],
            seed=options["seed"],
        )
        self.stdout.write(
            f"Made {counts.agreements} agreements, {counts.participants} participants, "
            f"{counts.placements} placements, {counts.follow_ups} follow-ups, {counts.memos} memos, "
            f"{counts.access_log} access-log rows in {time.perf_counter() - start:.1f} s."
        )
