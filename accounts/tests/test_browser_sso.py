"""In the browser: "Logga in med kommunens konto" at a real OpenID Connect provider
(oidc-provider-mock on 127.0.0.1), the start page, logout that ends the provider's session too,
and the Swedish refusal of a user whose groups give no role."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from accounts.tests.oidc_provider import configure, set_user
from participants.tests.factories import AgreementFactory, CommitteeFactory

pytestmark = [pytest.mark.browser, pytest.mark.committee_isolation, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def sso(settings, oidc_provider):
    configure(settings, oidc_provider)
    return oidc_provider


def sign_in_at_provider(page: Page, live_server, sub: str) -> None:
    page.goto(f"{live_server.url}/login/")
    page.get_by_role("link", name="Logga in med kommunens konto").click()
    page.locator("#subject-input").fill(sub)  # the provider's own login page
    page.get_by_role("button", name="Authorize", exact=True).click()


def test_an_official_signs_in_sees_own_committee_and_signs_out_at_the_provider(page: Page, live_server, sso):
    an = CommitteeFactory()
    sn = CommitteeFactory(
        name="Socialnämnden (fiktiv)", abbreviation="SN", administration="Socialförvaltningen"
    )
    ours = AgreementFactory(committee=an, name="Vår verksamhet")
    AgreementFactory(committee=sn, name="Socialnämndens verksamhet")
    set_user(
        sso,
        "sub-anna",
        {"preferred_username": "anna.andersson", "given_name": "Anna", "family_name": "Andersson",
         "groups": ["iop-handlaggare-an"]},
    )  # fmt: skip
    sign_in_at_provider(page, live_server, "sub-anna")
    expect(page.locator("h1")).to_have_text("Att göra")
    page.goto(f"{live_server.url}/agreements/?year=2024")
    expect(page.get_by_role("link", name=ours.name)).to_be_visible()
    expect(page.get_by_text("Socialnämndens verksamhet")).to_have_count(0)

    page.get_by_role("button", name="Logga ut").click()
    expect(page).to_have_url(re.compile(re.escape(sso) + "/oauth2/end_session"))
    page.get_by_role("button", name="End session").click()  # the provider ends its session
    expect(page).to_have_url(f"{live_server.url}/login/")
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(re.compile(r"/login/\?next="))


def test_a_user_whose_groups_give_no_role_is_told_so_in_swedish(page: Page, live_server, sso):
    set_user(sso, "sub-nobody", {"preferred_username": "nobody", "groups": ["some-other-system"]})
    sign_in_at_provider(page, live_server, "sub-nobody")
    expect(page.locator("h1")).to_have_text("Ingen behörighet till IOP-registret")
    expect(page.get_by_text("inga av dina grupper ger behörighet")).to_be_visible()
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(re.compile(r"/login/\?next="))
