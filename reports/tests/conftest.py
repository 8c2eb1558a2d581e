"""Fixtures for the reports app: the seed agreements with the seed memos' follow-ups and memo."""

from __future__ import annotations

from datetime import date

import pytest

from partnerships.models import Committee
from tests.demo_data import load_once


@pytest.fixture
def demo(seed, request):
    """partnerships' seed plus reports/demo.py: the approved 2021 follow-ups, the memo defaults
    (Mikaela Schullström) and the IKF decision memo of the IKF decision memo (docs/domain.md) (loaded once per session:
    conftest.load_once)."""
    from reports import demo as reports_demo

    loaded = load_once(request, "reports.demo", lambda: reports_demo.load(seed), needs=("partnerships.demo",))
    return {**loaded, "agreements": seed}


@pytest.fixture
def committee(seed) -> Committee:
    return Committee.objects.get(abbreviation="AN")


@pytest.fixture
def followup_draft(demo, committee):
    """Seed 000 drafted from the registry: report year 2021, overview 2022, dated as the seed."""
    from reports import drafting

    return drafting.draft_followup_memo(
        committee=committee, report_year=2021, overview_year=2022, date=date(2022, 3, 30)
    )
