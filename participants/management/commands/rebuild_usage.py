"""`python manage.py rebuild_usage`: the per-year usage table made again from the placements
(participants/usage.py), e.g. after a bulk load that wrote placements without it, or a restore
of an older backup."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from participants import usage


class Command(BaseCommand):
    help = "Compute every agreement's per-year usage (occupancy and key figures) again from its placements."

    def handle(self, *args, **options) -> None:
        start = time.perf_counter()
        count = usage.rebuild()
        self.stdout.write(
            f"Per-year usage of {count} agreements rebuilt in {time.perf_counter() - start:.1f} s."
        )
