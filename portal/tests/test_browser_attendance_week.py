"""In the browser: the partner fills in a week's attendance in the grid, moves between weeks,
and a re-entered day says it changed the earlier entry."""

from datetime import date

import pytest
from playwright.sync_api import Page, expect

from accounts.models import PartnerMembership
from conftest import PASSWORD
from participants.models import Attendance
from participants.tests.factories import ParticipantFactory, PlacementFactory
from partnerships.models import Agreement, Partner

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_partner_reports_a_week(page: Page, live_server, partner_user):
    from partnerships import demo

    seed = demo.load()
    ikf = Agreement.objects.get(pk=seed["ikf2023"].pk)
    PartnerMembership.objects.create(
        user=partner_user, partner=Partner.objects.get(name="Internationella Kvinnoföreningen")
    )
    placement = PlacementFactory(
        agreement=ikf,
        start=date(2023, 2, 1),
        participant=ParticipantFactory(first_name="Amina", last_name="Ex"),
    )
    Attendance.objects.create(placement=placement, date=date(2023, 3, 7), present=True)

    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Användarnamn").fill(partner_user.username)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.goto(f"{live_server.url}/portal/agreements/{ikf.pk}/")
    page.get_by_role("link", name="Rapportera närvaro för en vecka").click()
    page.goto(page.url.split("?")[0] + "?week=2023-W11")
    page.locator("#previous-week").click()
    expect(page.locator("h1")).to_have_text("Närvaro, vecka 10 (6–12 mar)")

    page.get_by_label("Amina Ex 2023-03-06").select_option("yes")
    page.get_by_label("Amina Ex 2023-03-07").select_option("no")
    assert page.get_by_label("Amina Ex 2023-03-11").count() == 0  # no weekends here
    page.get_by_role("button", name="Spara veckan").click()
    expect(page.get_by_text("Närvaron för vecka 10 (6–12 mar) sparades.")).to_be_visible()
    expect(
        page.get_by_text("Amina Ex 2023-03-07: den tidigare uppgiften ändrades, närvarande → frånvarande.")
    ).to_be_visible()
    assert sorted(Attendance.objects.values_list("date", "present")) == [
        (date(2023, 3, 6), True),
        (date(2023, 3, 7), False),
    ]


def test_a_week_on_a_phone_shows_every_day_and_every_choice(page: Page, live_server, partner_user):
    """Issue 25: at 375 px the selects were too small to show their value and Friday–Sunday were
    off screen. On a phone each day is a line of its own, within the screen, its choice readable."""
    from partnerships import demo

    seed = demo.load()
    ikf = Agreement.objects.get(pk=seed["ikf2023"].pk)
    ikf.runs_on_weekends = True
    ikf.save()
    PartnerMembership.objects.create(
        user=partner_user, partner=Partner.objects.get(name="Internationella Kvinnoföreningen")
    )
    PlacementFactory(
        agreement=ikf,
        start=date(2023, 2, 1),
        participant=ParticipantFactory(first_name="Amina", last_name="Ex"),
    )
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Användarnamn").fill(partner_user.username)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.goto(f"{live_server.url}/portal/agreements/{ikf.pk}/attendance/?week=2023-W49")
    expect(page.locator("h1")).to_have_text("Närvaro, vecka 49 (4–10 dec)")
    expect(page.locator("#previous-week")).to_have_text("← vecka 48")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    for day in range(4, 11):
        choice = page.get_by_label(f"Amina Ex 2023-12-{day:02d}")
        choice.select_option("yes")
        box = choice.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 375 and box["width"] >= 120, (day, box)
    expect(page.locator("td[data-label^='söndag']")).to_be_in_viewport()
