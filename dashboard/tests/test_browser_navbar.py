"""The navbar at a laptop's 1,366 px with every link a role has (issue 25: a systemförvaltare's
pages were 1,446 px wide and "Administration" was cut off), and its search has a button."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .test_browser_start_pages import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("role", ["official", "secretary", "coordinator", "administrator"])
def test_no_page_is_wider_than_a_1366_px_screen(page: Page, live_server, seed, role, request):
    user = request.getfixturevalue(role)
    page.set_viewport_size({"width": 1366, "height": 800})
    log_in(page, live_server, user)
    for path in ("/", "/agreements/", "/participants/" if role == "coordinator" else "/memos/"):
        page.goto(f"{live_server.url}{path}")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 1366, (path, width)
        for link in page.locator("#main-nav a, #main-nav button").all():
            box = link.bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 1366, link.inner_text()
    if role == "administrator":
        expect(page.get_by_role("link", name="Administration")).to_be_in_viewport()


def test_the_search_in_the_navbar_has_a_button(page: Page, live_server, seed, official):
    page.set_viewport_size({"width": 1366, "height": 800})
    log_in(page, live_server, official)
    page.get_by_role("searchbox", name="Sök").fill("Hoppfull")
    page.get_by_role("search").get_by_role("button", name="Sök").click()
    expect(page).to_have_url(f"{live_server.url}/search/?q=Hoppfull")
