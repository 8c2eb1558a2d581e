"""WCAG 2.1 AA on every page (issue 14): axe-core in the browser finds no violation of the WCAG
2.0/2.1 A and AA rules on any page each role can reach, nor on its forms sent back with errors,
the login page, the accessibility statement and the error pages (at 1,280 px, where the navbar is
open); no page is wider than a 375 px phone (document.scrollWidth, tables scroll in their own
region: static/js/tables.js).

Each role logs in and follows every link from the start page (same site, GET), visiting
`AXE_EXAMPLES` pages per URL pattern (default 1: the whole crawl takes a few minutes); each
POST form on a visited page is also sent once per pattern with its fields emptied, to check the
page that shows the errors. `AXE_EXAMPLES=3` (or more) widens the crawl, `AXE_ADMIN_MODELS=1`
visits the Django admin's pages of every model, not of one model per kind of page.
"""

from __future__ import annotations

import os
from collections import Counter, deque
from datetime import date
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import Resolver404, resolve
from playwright.sync_api import Browser, Error, Page

from dashboard.tests.test_browser_start_pages import log_in
from tests import test_permission_matrix as matrix
from tests.demo_data import load_once

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

objects = matrix.objects
users = matrix.users

EXAMPLES = int(os.environ.get("AXE_EXAMPLES", "1"))
ADMIN_EVERY_MODEL = os.environ.get("AXE_ADMIN_MODELS") == "1"
WCAG_21_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
DESKTOP = {"width": 1280, "height": 900}  # axe runs here: the navbar is open, not collapsed
PHONE = {"width": 375, "height": 812}  # and no page may be wider than this
# Downloads (not pages), and what would end the crawl's session.
NOT_PAGES = {
    "logout",
    "reports:overview_xlsx",
    "reports:forecast_xlsx",
    "reports:memo_version_pdf",
    "participants:extract_json",
    "partnerships:attachment_download",
    "contracting:version_pdf",
    "contracting:version_docx",
    "contracting:signature_pdf",
    "portal:agreement_document",
    "opendata:csv",
    "opendata:json",
    "opendata:dcat",
    "admin:logout",
    "admin:jsi18n",
    "admin:view_on_site",
    # The API's documentation is Swagger UI as its makers ship it (contrast, nested controls): a
    # known shortcoming in the accessibility statement, for developers of other systems only.
    "api:docs",
    "api:schema",
}
AXE = Axe()


@pytest.fixture
def demo(demo_participants, request):
    """The seed agreements with participants, the seed memos and follow-ups."""
    from reports import demo as reports_demo

    load_once(
        request, "reports.demo", lambda: reports_demo.load(demo_participants), needs=("partnerships.demo",)
    )
    return demo_participants


def pattern(path: str) -> str | None:
    """The URL pattern a path belongs to (its name, or its route), None outside the project.

    The Django admin's pages are one pattern per kind (index, app, list, add, change, delete,
    history) rather than per model, unless AXE_ADMIN_MODELS=1: they are Django's templates,
    the same for every model, and a page per model would take most of the run."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    name = match.view_name or match.route
    if name in NOT_PAGES:
        return None
    if hasattr(match.func, "model_admin") and not ADMIN_EVERY_MODEL:  # not admin:password_change
        return "admin:" + name.rsplit("_", 1)[-1]
    return name


def problems(page: Page, where: str) -> list[str]:
    """axe-core's WCAG 2.1 A/AA violations on the page as it stands, and overflow at 375 px."""
    found = [
        f"{where}: {violation['id']} ({violation['impact']}) {violation['help']}: "
        + "; ".join(" ".join(node["target"]) for node in violation["nodes"][:3])
        for violation in AXE.run(page, options=WCAG_21_AA).response["violations"]
    ]
    page.set_viewport_size(PHONE)
    width = page.evaluate("document.documentElement.scrollWidth")
    page.set_viewport_size(DESKTOP)
    if width > PHONE["width"]:
        found.append(f"{where}: the page is {width} px wide at {PHONE['width']} px")
    return found


def links(page: Page, origin: str) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
    return [href.split("#")[0] for href in hrefs if href.startswith(origin + "/")]


def send_with_errors(page: Page, index: int) -> bool:
    """Empty the text fields of the page's POST form number `index` and send it without the
    browser's own checks; False when the form has no text fields to empty."""
    return page.evaluate(
        """index => {
          const form = [...document.querySelectorAll('form')].filter(
            f => f.method === 'post' && !(f.getAttribute('action') || '').includes('/logout/'))[index];
          const fields = [...form.querySelectorAll(
            'input[type=text], input[type=date], input[type=number], input:not([type]), textarea')]
            .filter(f => !f.readOnly && !f.disabled && f.type !== 'hidden');
          if (!fields.length) return false;
          fields.forEach(f => { f.value = ''; });
          form.noValidate = true;
          const button = form.querySelector('[type=submit]');
          button ? button.click() : form.submit();
          return true;
        }""",
        index,
    )


def post_forms(page: Page) -> int:
    return page.evaluate(
        "[...document.querySelectorAll('form')]"
        ".filter(f => f.method === 'post' && !(f.getAttribute('action') || '').includes('/logout/')).length"
    )


def crawl(page: Page, origin: str, start: list[str]) -> tuple[list[str], Counter]:
    """Visit the pages reachable from `start`, EXAMPLES per URL pattern; the problems found."""
    seen_urls: set[str] = set()
    visits: Counter = Counter()
    forms_sent: set[str] = set()
    found: list[str] = []
    queue = deque(origin + path for path in start)
    while queue:
        url = queue.popleft()
        path = urlsplit(url).path
        name = pattern(path)
        if url in seen_urls or name is None or visits[name] >= EXAMPLES:
            continue
        seen_urls.add(url)
        try:
            response = page.goto(url)
        except Error:  # a download
            continue
        if response is None or not response.headers.get("content-type", "").startswith("text/html"):
            continue
        visits[name] += 1
        found += problems(page, url.removeprefix(origin))
        queue.extend(links(page, origin))
        if name in forms_sent:
            continue
        forms_sent.add(name)
        for index in range(post_forms(page)):
            if index:
                page.goto(url)
            with page.expect_navigation():
                if not send_with_errors(page, index):
                    page.goto(url)
                    continue
            found += problems(page, f"{url.removeprefix(origin)} (form {index + 1} sent with errors)")
            queue.extend(links(page, origin))
    return found, visits


@pytest.fixture
def phone(browser: Browser) -> Page:
    context = browser.new_context(locale="sv-SE", timezone_id="Europe/Stockholm", viewport=DESKTOP)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize(
    "role",
    [
        # The longest crawl first. The Django admin's widgets are named by
        # static/js/admin_a11y.js, its history tables scroll in their own region (static/js/tables.js).
        "administrator",
        "official",
        "coordinator",
        "secretary",
        "partner",
    ],
)
def test_every_page_a_role_reaches_passes_axe(phone, live_server, demo, users, objects, role):
    log_in(phone, live_server, users[role])
    own, _others = objects
    start = ["/", own["agreement"].get_absolute_url(), f"/agreements/?year={date.today().year}"]
    if role == "administrator":
        start.append("/admin/")
    found, visits = crawl(phone, live_server.url, start)
    assert len(visits) >= 5, visits
    assert found == []


def test_pages_without_a_login_pass_axe(phone, live_server, db):
    found = []
    for path in [
        "/login/",
        "/accessibility/",
        "/agreements/999999/",
        # the account pages a person reaches without a login (issue 13)
        "/account/password/reset/",
        "/account/password/reset/sent/",
        "/account/password/reset/MQ/not-a-token/",
        "/account/password/reset/done/",
        "/account/invitation/not-a-token/",
        "/login/sso/refused/",
        # the intake and a link that is not (or no longer) an initiative's (issue 23)
        "/initiativ/",
        "/initiativ/f/not-a-link/",
    ]:
        phone.goto(live_server.url + path)
        found += problems(phone, path)
    phone.goto(live_server.url + "/login/")
    phone.get_by_label("Användarnamn").fill("nobody")
    phone.get_by_role("button", name="Logga in").click()
    found += problems(phone, "/login/ (sent with errors)")
    assert found == []


def test_the_error_pages_pass_axe(phone, live_server, users, objects):
    log_in(phone, live_server, users["secretary"])
    found = []
    for path in ["/agreements/new/", "/agreements/999999/"]:  # 403, 404
        phone.goto(live_server.url + path)
        found += problems(phone, path)
    assert found == []
