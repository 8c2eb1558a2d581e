"""The forecast's chart in the browser (issue 25: no axis, no values, no text alternative): a
screen reader gets every year's total, and the chart fits the screen at 1,366 and 375 px."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from dashboard.tests.test_browser_start_pages import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [1366, 375])
def test_the_chart_reads_as_text_and_fits(page: Page, live_server, seed, official, width):
    page.set_viewport_size({"width": width, "height": 800})
    log_in(page, live_server, official)
    page.goto(f"{live_server.url}/agreements/forecast/")
    chart = page.get_by_role("img", name=re.compile("Åtagen kostnad per år"))
    expect(chart).to_have_accessible_description(re.compile(r"2023: 3\s595\s000\skr.*2024: 459\s000\skr"))
    box = chart.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width
    labels = [text.replace("\u00a0", " ") for text in chart.locator(".axis-label").all_text_contents()]
    assert labels == ["0", "1 mnkr", "2 mnkr", "3 mnkr", "4 mnkr"]
