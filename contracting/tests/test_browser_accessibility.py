"""WCAG 2.1 AA on the agreement document's pages (issue 14's rules, tests/test_accessibility.py):
the crawl reaches the document and version pages of a decided document; here also the editor
(and its errors), a version with its difference, and the upload page."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from contracting import services
from dashboard.tests.test_browser_start_pages import log_in
from tests.test_accessibility import phone, problems  # noqa: F401 (the fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_document_pages_pass_axe(phone: Page, live_server, seed, official):  # noqa: F811
    ikf = seed["ikf2023"]
    first = services.start_document(agreement=ikf, by=official)
    clauses = [*first.clauses]
    clauses[0] = {**clauses[0], "body": clauses[0]["body"] + "\n\nEtt nytt stycke."}
    document = first.document
    services.save_version(document=document, clauses=clauses, seen_version=document.version, by=official)
    log_in(phone, live_server, official)
    base = f"{live_server.url}/agreements/{ikf.pk}/document/"
    found = []
    for path in ("", "edit/", "versions/2/"):
        phone.goto(base + path)
        found += problems(phone, path or "document")
    phone.goto(base + "edit/")
    phone.get_by_label("Text").first.fill("")
    phone.evaluate("document.querySelector('form[method=post]').noValidate = true")
    phone.get_by_role("button", name="Spara som ny version").click()
    found += problems(phone, "edit (sent with errors)")
    services.mark_decided(version=document.versions.get(number=2))
    phone.goto(base + "signatures/new/")
    found += problems(phone, "signatures/new/")
    assert found == []
