"""WCAG 2.1 AA (axe-core, as tests/test_accessibility.py) on the pages issue 24 changed: the
public page with results and its open-data links, the forecast against the budget frame, the
agreement form's goals, the overview's goal filter, the agreement page's goals and the partner's
follow-up form with the outcome and contribution fields (also sent back with errors)."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import PartnerMembership
from conftest import PASSWORD
from dashboard.tests.test_browser_start_pages import log_in
from partnerships.models import BudgetFrame
from reports.models import FollowUp
from tests.test_accessibility import phone, problems  # noqa: F401 (the fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_public_page_with_results_passes_axe(phone, live_server, seed):  # noqa: F811
    now = timezone.now()
    FollowUp.objects.create(
        agreement=seed["ikf2023"],
        year=2023,
        enrolled=60,
        to_work_or_studies_women=12,
        to_work_or_studies_men=3,
        status=FollowUp.Status.APPROVED,
        submitted_at=now,
        approved_at=now,
    )
    phone.goto(live_server.url + "/offentligt/?year=2023")
    assert "15 (../&lt;5)" in phone.content()
    assert problems(phone, "/offentligt/?year=2023") == []


def test_the_officials_pages_pass_axe(phone, live_server, seed, official):  # noqa: F811
    BudgetFrame.objects.filter(year=2023).update(amount=3_500_000)  # 2023 over the frame: marked
    log_in(phone, live_server, official)
    ikf = seed["ikf2023"]
    found = []
    for path in [
        "/agreements/forecast/",
        f"/agreements/{ikf.pk}/edit/",
        "/agreements/?year=2023",
        f"/agreements/{ikf.pk}/",
    ]:
        phone.goto(live_server.url + path)
        found += problems(phone, path)
    phone.goto(live_server.url + "/agreements/forecast/")
    assert "över ramen" in phone.content()
    assert found == []


def test_the_partners_follow_up_form_passes_axe(phone, live_server, seed, partner_user):  # noqa: F811
    ikf = seed["ikf2023"]
    PartnerMembership.objects.create(user=partner_user, partner=ikf.parties.get().partner)
    phone.goto(f"{live_server.url}/login/")
    phone.get_by_label("Användarnamn").fill(partner_user.username)
    phone.get_by_label("Lösenord").fill(PASSWORD)
    phone.get_by_role("button", name="Logga in").click()
    phone.wait_for_load_state()
    phone.goto(live_server.url + f"/portal/agreements/{ikf.pk}/follow-ups/2024/")
    found = problems(phone, "follow-up form")
    phone.get_by_label("Inskrivna deltagare", exact=True).fill("5")
    phone.get_by_label("Kvinnor som gick vidare till arbete eller studier").fill("4")
    phone.get_by_label("Män som gick vidare till arbete eller studier").fill("4")
    phone.get_by_role("button", name="Spara utkast").click()
    # The answer replaces the page: wait for it (under load content() can read the page between).
    expect(
        phone.get_by_text("Fler gick vidare till arbete eller studier än som var inskrivna")
    ).to_be_visible()
    found += problems(phone, "follow-up form (sent with errors)")
    assert found == []
