"""Registering, editing and renewing agreements; bad input saves nothing and says why in Swedish."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from partnerships.models import Agreement, AgreementCriterion, AgreementParty, Committee, Partner

CREATE = reverse("partnerships:agreement_create")


def agreement_data(committee: Committee, partner: Partner, **overrides) -> dict:
    data = {
        "name": "Nytt partnerskap",
        "committee": committee.pk,
        "stage": "draft",
        "purpose": "arbetslik aktivitet (10 helårsplatser)",
        "target_group": "",
        "level_from": "1",
        "level_to": "2",
        "capacity_amount": "10",
        "capacity_unit": "places",
        "value_per_year": "1 234 567",
        "committee_cost_per_year": "600000",
        "price_level_year": "2025",
        "indexation_percent": "2",
        "valid_from": "2025-01-01",
        "valid_to": "2026-12-31",
        "parties-TOTAL_FORMS": "3",
        "parties-INITIAL_FORMS": "0",
        "parties-MIN_NUM_FORMS": "1",
        "parties-MAX_NUM_FORMS": "1000",
        "parties-0-partner": partner.pk,
        "parties-0-role": "lead",
        "parties-0-in_kind_contribution": "634 567",
        # the two empty rows, as a browser sends them
        "parties-1-role": "lead",
        "parties-2-role": "lead",
        "criteria-fulfilled_1": "yes",
        "criteria-justification_1": "Föreningens eget initiativ.",
    }
    data.update(overrides)
    return data


@pytest.fixture
def committee(seed):
    return Committee.objects.get(abbreviation="AN")


@pytest.fixture
def partner(seed):
    return Partner.objects.get(name="Röda Korset")


def test_official_registers_an_agreement(client, official, committee, partner):
    client.force_login(official)
    response = client.post(CREATE, agreement_data(committee, partner))
    agreement = Agreement.objects.get(name="Nytt partnerskap")
    assert response.status_code == 302 and response.url == agreement.get_absolute_url()
    assert (agreement.value_per_year, agreement.committee_cost_per_year) == (
        Decimal("1234567"),
        Decimal("600000"),
    )
    assert agreement.status == Agreement.Status.DRAFT
    party = agreement.parties.get()
    assert (party.partner, party.in_kind_contribution) == (partner, Decimal("634567"))
    assert agreement.criteria.count() == 8
    assert agreement.criteria.get(criterion=1).fulfilled is True
    assert agreement.criteria.get(criterion=2).fulfilled is None
    assert agreement.runs_on_weekends is False


def test_an_official_says_on_the_form_that_the_activity_runs_on_weekends(
    client, official, committee, partner
):
    """Whether the partner may report attendance on Saturdays and Sundays (portal/attendance.py)
    is set on the agreement form, not only in the admin, and a renewal keeps it."""
    client.force_login(official)
    client.post(CREATE, {**agreement_data(committee, partner), "runs_on_weekends": "on"})
    agreement = Agreement.objects.get(name="Nytt partnerskap")
    assert agreement.runs_on_weekends is True
    agreement.stage = Agreement.Stage.DECIDED
    agreement.save()
    from partnerships.services import renew

    assert renew(agreement=agreement).runs_on_weekends is True


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"valid_to": "2024-12-31"}, "valid_to", "Slutdatumet kan inte ligga före startdatumet."),
        (
            {"committee_cost_per_year": "2000000"},
            "committee_cost_per_year",
            "Nämndens kostnad kan inte vara högre än verksamhetens beräknade värde.",
        ),
        (
            {"value_per_year": "-5"},
            "value_per_year",
            "Kontrollera att detta värde är större än eller lika med 0.",
        ),
        (
            {"committee_cost_per_year": "-1"},
            "committee_cost_per_year",
            "Kontrollera att detta värde är större än eller lika med 0.",
        ),
        (
            {"indexation_percent": "25"},
            "indexation_percent",
            "Kontrollera att detta värde är mindre än eller lika med 20.",
        ),
        ({"level_to": ""}, "level_to", "Ange både lägsta och högsta nivå, eller ingen av dem."),
        ({"capacity_unit": ""}, "capacity_unit", "Ange både kapacitet och enhet, eller ingen av dem."),
        ({"value_per_year": "mycket"}, "value_per_year", "Fyll i ett tal."),
        ({"name": ""}, "name", "Detta fält måste fyllas i."),
    ],
)
def test_bad_agreement_input_saves_nothing(client, official, committee, partner, overrides, field, message):
    client.force_login(official)
    before = (Agreement.objects.count(), AgreementParty.objects.count(), AgreementCriterion.objects.count())
    response = client.post(CREATE, agreement_data(committee, partner, **overrides))
    assert response.status_code == 200
    assert message in response.context["form"].errors[field]
    assert "Inget sparades" in response.content.decode()
    assert (
        Agreement.objects.count(),
        AgreementParty.objects.count(),
        AgreementCriterion.objects.count(),
    ) == before


def test_an_agreement_needs_a_party(client, official, committee, partner):
    client.force_login(official)
    response = client.post(CREATE, agreement_data(committee, partner, **{"parties-0-partner": ""}))
    assert response.status_code == 200
    assert not Agreement.objects.filter(name="Nytt partnerskap").exists()
    assert response.context["parties"].errors[0]["partner"] == ["Detta fält måste fyllas i."]


def test_the_same_partner_twice_is_refused(client, official, committee, partner):
    client.force_login(official)
    data = agreement_data(committee, partner, **{"parties-1-partner": partner.pk, "parties-1-role": "co"})
    response = client.post(CREATE, data)
    assert (
        "En samverkanspart kan bara vara part i överenskommelsen en gång."
        in response.context["parties"].non_form_errors()
    )
    assert not Agreement.objects.filter(name="Nytt partnerskap").exists()


def test_edit_keeps_parties_and_changes_amounts(client, official, seed):
    from conftest import form_data

    agreement = seed["ikf2023"]
    url = reverse("partnerships:agreement_edit", args=[agreement.pk])
    client.force_login(official)
    data = form_data(client.get(url))
    assert data["value_per_year"] == "900000" and data["parties-0-in_kind_contribution"] == "450000"
    # the partner's 450 000 kr stays the value less the committee's cost
    data.update({"committee_cost_per_year": "460 000", "value_per_year": "910 000"})
    response = client.post(url, data)
    assert response.status_code == 302, (response.context["form"].errors, response.context["parties"].errors)
    agreement.refresh_from_db()
    assert agreement.committee_cost_per_year == Decimal("460000")
    assert [(p.partner.name, p.in_kind_contribution) for p in agreement.parties.all()] == [
        ("Internationella Kvinnoföreningen", Decimal("450000"))
    ]
    assert agreement.criteria.get(criterion=6).fulfilled is True


def test_renew_creates_a_following_draft(client, official, seed):
    seed["ikf2023"].delete()  # as before the committee's decision of 2022 (docs/domain.md, IKF decision memo)
    client.force_login(official)
    old = seed["ikf2021"]
    response = client.post(reverse("partnerships:agreement_renew", args=[old.pk]))
    new = Agreement.objects.filter(predecessor=old, stage=Agreement.Stage.DRAFT).get()
    assert response.url == reverse("partnerships:agreement_edit", args=[new.pk])
    assert (new.valid_from, new.valid_to) == (date(2023, 1, 1), date(2024, 12, 31))
    assert [p.partner.name for p in new.parties.all()] == ["Internationella Kvinnoföreningen"]
    assert new.value_per_year == Decimal("454000") and new.price_level_year == 2023


def test_renewing_an_indexed_agreement_carries_the_amounts_into_the_new_price_level(client, official, seed):
    client.force_login(official)
    client.post(reverse("partnerships:agreement_renew", args=[seed["ikf2023"].pk]))
    new = Agreement.objects.get(predecessor=seed["ikf2023"])  # IKF 2023–2024 has no successor yet
    assert (new.valid_from, new.valid_to) == (date(2025, 1, 1), date(2026, 12, 31))
    # 450 000 in 2023 prices + 2 % twice = 468 180 in 2025 prices
    assert (new.committee_cost_per_year, new.value_per_year, new.price_level_year) == (
        Decimal("468180"),
        Decimal("936360"),
        2025,
    )


def test_detail_shows_schedule_and_chain(client, official, seed):
    client.force_login(official)
    response = client.get(reverse("partnerships:agreement_detail", args=[seed["ikf2023"].pk]))
    html = response.content.decode().replace("\u00a0", " ")
    schedule = html.split('id="schedule"', 1)[1].split("</table>", 1)[0]
    assert "459 000 kr" in schedule and "918 000 kr" in schedule and "450 000 kr" in schedule
    assert [a.pk for a in response.context["chain"]] == [seed["ikf2021"].pk, seed["ikf2023"].pk]


@pytest.mark.parametrize(
    "changes",
    [
        {"valid_to": date(2020, 1, 1)},
        {"committee_cost_per_year": Decimal("999999999")},
        {"value_per_year": Decimal("-1"), "committee_cost_per_year": Decimal("-2")},
        {"indexation_percent": Decimal("20.5")},
        {"level_from": 3, "level_to": 1},
        {"capacity_amount": Decimal("10"), "capacity_unit": ""},
    ],
)
def test_the_database_refuses_what_the_form_would(seed, changes):
    agreement = seed["ikf2023"]
    for field, value in changes.items():
        setattr(agreement, field, value)
    with pytest.raises(IntegrityError), transaction.atomic():
        agreement.save()


def test_an_edit_over_someone_elses_save_is_refused(client, official, seed, django_user_model):
    from conftest import form_data

    agreement = seed["hoppfull"]
    url = reverse("partnerships:agreement_edit", args=[agreement.pk])
    client.force_login(official)
    mine = form_data(client.get(url))
    theirs = dict(mine)

    theirs["committee_cost_per_year"] = "1200000"
    assert client.post(url, theirs).status_code == 302

    mine["purpose"] = "arbetslik aktivitet (45 helårsplatser)"
    response = client.post(url, mine)
    assert response.status_code == 409
    assert "Någon annan har sparat" in response.content.decode()
    assert f'href="{url}"' in response.content.decode()
    agreement.refresh_from_db()
    assert agreement.committee_cost_per_year == Decimal("1200000")
    assert agreement.purpose == "arbetslik aktivitet (40 helårsplatser)"
    assert agreement.version == 2

    # after reloading, the same change goes through
    fresh = form_data(client.get(url))
    fresh["purpose"] = "arbetslik aktivitet (45 helårsplatser)"
    assert client.post(url, fresh).status_code == 302
    agreement.refresh_from_db()
    assert (agreement.purpose, agreement.committee_cost_per_year, agreement.version) == (
        "arbetslik aktivitet (45 helårsplatser)",
        Decimal("1200000"),
        3,
    )


def test_renewing_twice_finds_the_first_successor(client, official, seed):
    client.force_login(official)
    url = reverse("partnerships:agreement_renew", args=[seed["hoppfull"].pk])
    client.post(url)
    first = Agreement.objects.get(predecessor=seed["hoppfull"])
    response = client.post(url, follow=True)
    assert Agreement.objects.filter(predecessor=seed["hoppfull"]).count() == 1
    assert response.redirect_chain[-1][0] == first.get_absolute_url()
    assert "har redan en efterföljare" in response.content.decode()


def test_a_draft_cannot_be_renewed(client, official, seed):
    client.force_login(official)
    client.post(reverse("partnerships:agreement_renew", args=[seed["hoppfull"].pk]))
    draft = Agreement.objects.get(predecessor=seed["hoppfull"])
    response = client.post(reverse("partnerships:agreement_renew", args=[draft.pk]), follow=True)
    assert "Bara en beslutad överenskommelse kan förnyas." in response.content.decode()
    assert not Agreement.objects.filter(predecessor=draft).exists()


def test_the_chain_page_costs_the_same_however_long_the_line(client, official, seed):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(official)
    url = seed["ikf2023"].get_absolute_url()
    client.get(url)  # the first request after login refreshes the session
    cache.clear()  # the page's build, not its cached copy (test_agreement_page_cache.py)
    with CaptureQueriesContext(connection) as short:
        client.get(url)
    previous = seed["ikf2021"]
    for year in range(2019, 2011, -2):  # four more predecessors
        older = Agreement.objects.create(
            name="Inkludering på lika villkor",
            committee=previous.committee,
            purpose="x",
            value_per_year=1,
            committee_cost_per_year=1,
            price_level_year=year,
            valid_from=date(year, 1, 1),
            valid_to=date(year + 1, 12, 31),
            stage=Agreement.Stage.DECIDED,
        )
        previous.predecessor = older
        previous.save()
        previous = older
    with CaptureQueriesContext(connection) as long:
        response = client.get(url)
    assert len(response.context["chain"]) == 6
    assert [a.valid_from.year for a in response.context["chain"]] == [2013, 2015, 2017, 2019, 2021, 2023]
    assert len(long) == len(short)


def test_the_same_agreement_twice_is_warned_of_and_saved_only_when_confirmed(
    client, official, committee, partner
):
    """Issue 25: the same agreement submitted twice was saved twice without a word. A second one
    with the same name (case and spaces aside), partner and an overlapping period is held back
    with a link to the first; "Save as another agreement" saves it."""
    client.force_login(official)
    assert client.post(CREATE, agreement_data(committee, partner)).status_code == 302
    first = Agreement.objects.get(name="Nytt partnerskap")
    again = client.post(
        CREATE, agreement_data(committee, partner, name=" nytt  Partnerskap", valid_from="2026-01-01")
    )
    html = again.content.decode()
    assert again.status_code == 200 and 'id="duplicates"' in html
    assert f'href="{first.get_absolute_url()}"' in html
    assert Agreement.objects.filter(name__iexact="nytt partnerskap").count() == 1
    # another partner, or a period that does not overlap: no warning
    other = Partner.objects.get(name="Linköpings Stadsmission")
    assert client.post(CREATE, agreement_data(committee, other)).status_code == 302
    later = agreement_data(
        committee, partner, valid_from="2027-01-01", valid_to="2028-12-31", price_level_year="2027"
    )
    assert client.post(CREATE, later).status_code == 302
    confirmed = client.post(CREATE, {**agreement_data(committee, partner), "confirm_duplicate": "1"})
    assert confirmed.status_code == 302
    assert Agreement.objects.filter(name="Nytt partnerskap").count() == 4
