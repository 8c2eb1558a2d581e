"""The overview, forecast, payments and key figures from the cache, per committee and year (issue 22,
core/pagecache.py, partnerships/pagescope.py): a warm page is not built again; an edit of anything
it shows — an agreement, a party, a payment, a placement, a committee's name, the viewer's
memberships — shows at once, also when the edit moves an agreement out of the page's committee or
year; an edit in another committee or another year leaves the page in the cache; and a cached
page of one committee never reaches another committee's user."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts import roles
from accounts.models import CommitteeMembership
from conftest import make_user
from participants.tests.factories import AgreementFactory, CommitteeFactory, PlacementFactory
from partnerships.models import AgreementParty, Partner

PAGES = {
    "overview": "/agreements/?year=2023",
    "forecast": "/agreements/forecast/",
    "payments": "/payments/?year=2023",
    "key figures": "/export/key-figures/?year=2023&format=csv",
}


def get(client: Client, url: str) -> tuple[int, str]:
    """(queries, content) of one request."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(queries.captured_queries), response.content.decode()


def warmed(client: Client, url: str) -> tuple[int, int]:
    """(queries of the build, queries of the cached copy)."""
    client.get("/account/")  # the first request after login refreshes the session once
    cold, _ = get(client, url)
    warm, _ = get(client, url)
    return cold, warm


@pytest.fixture
def an(db):
    return CommitteeFactory(abbreviation="AN")


@pytest.fixture
def sn(db):
    return CommitteeFactory(abbreviation="SN", name="Socialnämnden")


@pytest.mark.parametrize("url", PAGES.values(), ids=PAGES.keys())
def test_a_warm_page_is_not_built_again(client, official, an, url):
    AgreementFactory(name="Arbetsträning Ryd", committee=an)
    client.force_login(official)
    cold, warm = warmed(client, url)
    assert warm < cold, (warm, cold)
    assert "Arbetsträning Ryd" in get(client, url)[1]


@pytest.mark.parametrize("url", PAGES.values(), ids=PAGES.keys())
def test_an_edit_of_the_agreement_shows_at_once(client, official, an, url):
    agreement = AgreementFactory(name="Före ändringen", committee=an)
    client.force_login(official)
    assert "Före ändringen" in get(client, url)[1]
    agreement.name = "Efter ändringen"
    agreement.save()
    page = get(client, url)[1]
    assert "Efter ändringen" in page and "Före ändringen" not in page


@pytest.mark.parametrize("url", PAGES.values(), ids=PAGES.keys())
def test_an_agreement_moved_to_another_committee_leaves_the_page_at_once(client, official, an, sn, url):
    agreement = AgreementFactory(name="Flyttas till SN", committee=an)
    client.force_login(official)
    assert "Flyttas till SN" in get(client, url)[1]
    agreement.committee = sn
    agreement.save()
    assert "Flyttas till SN" not in get(client, url)[1]


@pytest.mark.parametrize("url", [PAGES["overview"], PAGES["payments"], PAGES["key figures"]])
def test_an_agreement_moved_to_another_year_leaves_the_page_at_once(client, official, an, url):
    agreement = AgreementFactory(name="Flyttas till 2025", committee=an)
    client.force_login(official)
    assert "Flyttas till 2025" in get(client, url)[1]
    agreement.valid_from, agreement.valid_to = date(2025, 1, 1), date(2025, 12, 31)
    agreement.save()
    assert "Flyttas till 2025" not in get(client, url)[1]


def test_a_partner_renamed_shows_on_the_overview_at_once(client, official, an):
    agreement = AgreementFactory(name="Med part", committee=an)
    partner = Partner.objects.create(name="Föreningen Före", organisation_number="802000-0001")
    AgreementParty.objects.create(agreement=agreement, partner=partner, role=AgreementParty.Role.LEAD)
    client.force_login(official)
    assert "Föreningen Före" in get(client, PAGES["overview"])[1]
    partner.name = "Föreningen Efter"
    partner.save()
    assert "Föreningen Efter" in get(client, PAGES["overview"])[1]


def test_a_payment_recorded_shows_on_the_payments_page_at_once(client, official, an):
    from payments import services
    from payments.models import Instalment
    from payments.plans import Frequency

    agreement = AgreementFactory(name="Betalas", committee=an)
    services.set_up_plan(agreement=agreement, frequency=Frequency.YEARLY, by=official)
    client.force_login(official)
    paid = '<td class="amount">{}</td><td class="amount">0\xa0kr</td><td class="amount">{}</td>'
    assert paid.format("0\xa0kr", "500\xa0000\xa0kr") in get(client, PAGES["payments"])[1]
    instalment = Instalment.objects.get(agreement=agreement, year=2023)
    instalment.status, instalment.paid_on, instalment.paid_amount = "paid", date(2023, 2, 1), 500000
    instalment.save()
    assert paid.format("500\xa0000\xa0kr", "0\xa0kr") in get(client, PAGES["payments"])[1]


def test_placements_added_show_in_the_key_figures_at_once(client, official, an):
    agreement = AgreementFactory(name="Med deltagare", committee=an)
    client.force_login(official)
    before = get(client, PAGES["key figures"])[1]
    PlacementFactory.create_batch(5, agreement=agreement)  # five: no longer withheld as too few
    after = get(client, PAGES["key figures"])[1]
    assert after != before
    assert ",5," in after.splitlines()[1].replace(";", ",")


@pytest.mark.parametrize("url", PAGES.values(), ids=PAGES.keys())
def test_an_edit_in_another_committee_leaves_the_page_in_the_cache(client, official, an, sn, url):
    AgreementFactory(name="Arbetsmarknadens", committee=an)
    elsewhere = AgreementFactory(name="Socialtjänstens", committee=sn)
    client.force_login(official)
    cold, warm = warmed(client, url)
    elsewhere.name = "Socialtjänstens, ändrad"
    elsewhere.save()
    PlacementFactory(agreement=elsewhere)
    again, page = get(client, url)
    assert again == warm < cold
    assert "Arbetsmarknadens" in page and "Socialtjänstens" not in page


@pytest.mark.parametrize("url", [PAGES["overview"], PAGES["payments"], PAGES["key figures"]])
def test_an_edit_in_another_year_leaves_the_page_in_the_cache(client, official, an, url):
    AgreementFactory(name="Under 2023", committee=an)
    later = AgreementFactory(
        name="Under 2026", committee=an, valid_from=date(2026, 1, 1), valid_to=date(2026, 12, 31)
    )
    client.force_login(official)
    cold, warm = warmed(client, url)
    later.name = "Under 2026, ändrad"
    later.save()
    PlacementFactory(agreement=later, start=date(2026, 2, 1))
    assert get(client, url)[0] == warm < cold


@pytest.mark.committee_isolation
@pytest.mark.parametrize("url", PAGES.values(), ids=PAGES.keys())
def test_one_committees_cached_page_never_reaches_another_committees_user(django_user_model, an, sn, url):
    AgreementFactory(name="Arbetsmarknadens aktivitet", committee=an)
    AgreementFactory(name="Socialtjänstens aktivitet", committee=sn)
    pages = {}
    for username, committee in (("alice", an), ("olga", sn)):
        user = make_user(django_user_model, username, roles.OFFICIAL)
        CommitteeMembership.objects.create(user=user, committee=committee)
        browser = Client()
        browser.force_login(user)
        pages[username] = [get(browser, url)[1] for _ in range(2)]  # cold, then warm
    for page in pages["alice"]:
        assert "Arbetsmarknadens aktivitet" in page and "Socialtjänstens aktivitet" not in page
    for page in pages["olga"]:
        assert "Socialtjänstens aktivitet" in page and "Arbetsmarknadens aktivitet" not in page


@pytest.mark.committee_isolation
@pytest.mark.parametrize("url", PAGES.values(), ids=PAGES.keys())
def test_a_membership_added_or_ended_shows_at_once(client, django_user_model, an, sn, url):
    AgreementFactory(name="Arbetsmarknadens aktivitet", committee=an)
    AgreementFactory(name="Socialtjänstens aktivitet", committee=sn)
    user = make_user(django_user_model, "alice", roles.OFFICIAL)
    CommitteeMembership.objects.create(user=user, committee=an)
    client.force_login(user)
    assert "Socialtjänstens aktivitet" not in get(client, url)[1]
    membership = CommitteeMembership.objects.create(user=user, committee=sn)
    assert "Socialtjänstens aktivitet" in get(client, url)[1]
    membership.delete()
    assert "Socialtjänstens aktivitet" not in get(client, url)[1]


@pytest.mark.committee_isolation
def test_a_membership_changed_shows_at_once_with_the_user_cached(client, django_user_model, an, sn, settings):
    """With Redis the user comes from the cache with its roles and permissions
    (accounts/usercache.py); its committees never do: a moved membership counts at once."""
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    settings.CACHED_USER_SECONDS = 60
    AgreementFactory(name="Arbetsmarknadens aktivitet", committee=an)
    AgreementFactory(name="Socialtjänstens aktivitet", committee=sn)
    user = make_user(django_user_model, "alice", roles.OFFICIAL)
    membership = CommitteeMembership.objects.create(user=user, committee=an)
    client.force_login(user)
    for _ in range(2):  # cold, then warm: user and page from the cache
        page = get(client, PAGES["overview"])[1]
        assert "Arbetsmarknadens aktivitet" in page and "Socialtjänstens aktivitet" not in page
    membership.committee = sn
    membership.save()
    page = get(client, PAGES["overview"])[1]
    assert "Socialtjänstens aktivitet" in page and "Arbetsmarknadens aktivitet" not in page


def test_the_committees_name_shows_at_once(client, official, an):
    AgreementFactory(committee=an)
    client.force_login(official)
    assert "Arbetsmarknadsnämnden" in get(client, PAGES["forecast"])[1]
    an.name = "Arbetsmarknadsnämnden (ny)"
    an.save()
    assert "Arbetsmarknadsnämnden (ny)" in get(client, PAGES["forecast"])[1]


def test_a_placed_persons_change_shows_in_the_key_figures_at_once(client, official, an):
    agreement = AgreementFactory(name="Med deltagare", committee=an)
    placements = PlacementFactory.create_batch(5, agreement=agreement)
    client.force_login(official)
    before = get(client, PAGES["key figures"])[1]
    person = placements[0].participant
    person.gender = "man"
    person.save()
    # as the participant's page and the admin do: the per-year usage follows (participants/usage.py)
    from participants import usage

    usage.refresh_for_participant(person.pk)
    assert get(client, PAGES["key figures"])[1] != before
