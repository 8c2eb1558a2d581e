"""Payment plans through their real URLs and permissions: set up, pay, withhold, export, renew."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from openpyxl import load_workbook

from partnerships import services as partnership_services
from partnerships.models import Agreement
from payments import services
from payments.models import Instalment, PaymentPlan
from payments.plans import Frequency


def make_plan(client, agreement, frequency):
    return client.post(reverse("payments:plan_detail", args=[agreement.pk]), {"frequency": frequency})


def amounts(agreement, year):
    return list(
        Instalment.objects.filter(agreement=agreement, year=year)
        .order_by("number")
        .values_list("amount", flat=True)
    )


def test_an_official_makes_ikfs_quarterly_plan_459_000_in_2024(client, seed, official):
    client.force_login(official)
    ikf = seed["ikf2023"]
    response = make_plan(client, ikf, Frequency.QUARTERLY)
    assert response.status_code == 302
    assert amounts(ikf, 2024) == [Decimal(114_750)] * 4
    assert sum(amounts(ikf, 2024)) == Decimal(459_000)
    assert sum(amounts(ikf, 2023)) == Decimal(450_000)
    page = client.get(reverse("payments:plan_detail", args=[ikf.pk])).content.decode()
    assert "459\xa0000\xa0kr" in page and "114\xa0750\xa0kr" in page


def test_kompletterande_sprakträning_monthly_is_exactly_295_000(client, seed, official):
    client.force_login(official)
    sprak = seed["sprak"]
    make_plan(client, sprak, Frequency.MONTHLY)
    for year in (2021, 2022, 2023):
        assert amounts(sprak, year) == [Decimal(24_583)] * 11 + [Decimal(24_587)]
        assert sum(amounts(sprak, year)) == Decimal(295_000)


def test_paid_and_withheld_show_as_planned_paid_and_outstanding(client, seed, official):
    client.force_login(official)
    ikf = seed["ikf2023"]
    make_plan(client, ikf, Frequency.QUARTERLY)
    first, second, *_ = Instalment.objects.filter(agreement=ikf, year=2024).order_by("number")
    paid = client.post(
        reverse("payments:instalment_paid", args=[first.pk]),
        {"paid_on": "2024-01-10", "amount": "114 750", "reference": "VER-2024-17"},
    )
    assert paid.status_code == 302
    client.post(reverse("payments:instalment_withhold", args=[second.pk]), {"reason": "Återrapport saknas."})
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, first.paid_on, first.paid_amount, first.reference, first.recorded_by) == (
        "paid", date(2024, 1, 10), Decimal(114_750), "VER-2024-17", official,
    )  # fmt: skip
    assert (second.status, second.withheld_reason) == ("withheld", "Återrapport saknas.")
    totals = Instalment.objects.filter(agreement=ikf, year=2024).totals()
    assert totals == {
        "planned": Decimal(459_000),
        "paid": Decimal(114_750),
        "withheld": Decimal(114_750),
        "outstanding": Decimal(229_500),
    }
    listing = client.get(reverse("payments:payment_list") + "?year=2024").content.decode()
    assert "229\xa0500\xa0kr" in listing and "114\xa0750\xa0kr" in listing
    detail = client.get(reverse("partnerships:agreement_detail", args=[ikf.pk])).content.decode()
    assert 'id="payments"' in detail and "229\xa0500\xa0kr" in detail
    # Recorded once: a second click is refused and changes nothing.
    again = client.post(
        reverse("payments:instalment_paid", args=[first.pk]),
        {"paid_on": "2024-02-01", "amount": "1", "reference": "X"},
        follow=True,
    )
    assert "redan" in again.content.decode()
    first.refresh_from_db()
    assert first.paid_amount == Decimal(114_750)


def test_a_payment_needs_a_reference_and_a_withholding_a_reason(client, seed, official):
    client.force_login(official)
    ikf = seed["ikf2023"]
    make_plan(client, ikf, Frequency.YEARLY)
    instalment = Instalment.objects.get(agreement=ikf, year=2024)
    response = client.post(
        reverse("payments:instalment_paid", args=[instalment.pk]),
        {"paid_on": "2024-01-10", "amount": "459000", "reference": "  "},
        follow=True,
    )
    assert "Inget registrerades" in response.content.decode()
    client.post(reverse("payments:instalment_withhold", args=[instalment.pk]), {"reason": " "})
    instalment.refresh_from_db()
    assert instalment.status == "planned"


@pytest.mark.parametrize("role", ["secretary", "coordinator", "partner_user"])
def test_only_officials_record_payments(client, seed, official, role, request):
    services.set_up_plan(agreement=seed["ikf2023"], frequency=Frequency.QUARTERLY, by=official)
    instalment = Instalment.objects.filter(agreement=seed["ikf2023"]).first()
    client.force_login(request.getfixturevalue(role))
    response = client.post(
        reverse("payments:instalment_paid", args=[instalment.pk]),
        {"paid_on": "2024-01-10", "amount": "1", "reference": "X"},
    )
    assert response.status_code in (403, 404)
    assert make_plan(client, seed["ikf2023"], Frequency.MONTHLY).status_code == 403
    instalment.refresh_from_db()
    assert instalment.status == "planned"
    assert PaymentPlan.objects.get().frequency == Frequency.QUARTERLY


def test_the_secretary_reads_payments_and_a_partner_does_not(client, seed, official, secretary, partner_user):
    services.set_up_plan(agreement=seed["ikf2023"], frequency=Frequency.QUARTERLY, by=official)
    client.force_login(secretary)
    assert client.get(reverse("payments:payment_list")).status_code == 200
    page = client.get(reverse("payments:plan_detail", args=[seed["ikf2023"].pk])).content.decode()
    assert "114\xa0750\xa0kr" in page and "Markera betald" not in page
    client.force_login(partner_user)
    assert client.get(reverse("payments:payment_list")).status_code == 403
    assert client.get(reverse("payments:export_csv")).status_code == 403


def test_a_draft_gets_no_plan(client, seed, official):
    draft = partnership_services.renew(agreement=seed["ikf2023"])
    client.force_login(official)
    make_plan(client, draft, Frequency.QUARTERLY)
    assert not PaymentPlan.objects.filter(agreement=draft).exists()


def test_the_plan_follows_a_renewal(client, seed, official):
    """The successor, once decided, is proposed and given its predecessor's frequency."""
    client.force_login(official)
    make_plan(client, seed["ikf2023"], Frequency.MONTHLY)
    successor = partnership_services.renew(agreement=seed["ikf2023"])
    Agreement.objects.filter(pk=successor.pk).update(stage=Agreement.Stage.DECIDED)
    page = client.get(reverse("payments:plan_detail", args=[successor.pk]))
    assert page.context["form"].initial["frequency"] == Frequency.MONTHLY
    make_plan(client, successor, page.context["form"].initial["frequency"])
    successor.refresh_from_db()
    first_year = successor.schedule()[0]
    assert len(amounts(successor, first_year.year)) == 12
    assert sum(amounts(successor, first_year.year)) == first_year.committee_cost


def test_an_amendment_moves_only_what_is_still_planned(client, seed, official):
    ikf = seed["ikf2023"]
    client.force_login(official)
    make_plan(client, ikf, Frequency.QUARTERLY)
    first = Instalment.objects.get(agreement=ikf, year=2024, number=1)
    services.mark_paid(
        instalment=first, paid_on=date(2024, 1, 5), amount=Decimal(114_750), reference="V1", by=official
    )
    response = client.post(
        reverse("partnerships:amendment_create", args=[ikf.pk]),
        {"starts_on": "2024-07-01", "value_per_year": "950000", "committee_cost_per_year": "500000",
         "price_level_year": "2024", "indexation_percent": "2", "decision_date": "2024-05-01",
         "case_number": "AN 2024-1"},
    )  # fmt: skip
    assert response.status_code == 302
    # The plan follows the amendment at once (services.amend tells payments.services.follow_agreement
    # through core/agreement_changes.py), nobody has to save it again.
    assert client.get(reverse("payments:plan_detail", args=[ikf.pk])).context["in_step"] is True
    ikf.refresh_from_db()
    cost_2024 = {a.year: a.committee_cost for a in Agreement.objects.get(pk=ikf.pk).schedule()}[2024]
    assert cost_2024 == Decimal(479_612)  # 459 000 × 182/366 + 500 000 × 184/366
    assert amounts(ikf, 2024)[0] == Decimal(114_750)  # paid: unchanged
    assert sum(amounts(ikf, 2024)) == cost_2024
    assert sum(amounts(ikf, 2023)) == Decimal(450_000)
    assert client.get(reverse("payments:plan_detail", args=[ikf.pk])).context["in_step"] is True


def test_the_frequency_is_fixed_once_something_is_recorded(client, seed, official):
    client.force_login(official)
    make_plan(client, seed["ikf2023"], Frequency.QUARTERLY)
    instalment = Instalment.objects.filter(agreement=seed["ikf2023"]).first()
    services.withhold(instalment=instalment, reason="Paus.", by=official)
    make_plan(client, seed["ikf2023"], Frequency.MONTHLY)
    assert PaymentPlan.objects.get(agreement=seed["ikf2023"]).frequency == Frequency.QUARTERLY


def test_an_agreement_that_becomes_decided_gets_its_plan_at_once(client, seed, official):
    """Through the agreement form: a renewal of IKF paid monthly is decided, and its plan is there,
    monthly like its predecessor's, each year adding up to the year's cost; a draft gets none."""
    from conftest import form_data

    client.force_login(official)
    make_plan(client, seed["ikf2023"], Frequency.MONTHLY)
    successor = partnership_services.renew(agreement=seed["ikf2023"])
    assert not PaymentPlan.objects.filter(agreement=successor).exists()
    url = reverse("partnerships:agreement_edit", args=[successor.pk])
    data = form_data(client.get(url))
    data["stage"] = "decided"
    for number in range(1, 9):
        data[f"criteria-fulfilled_{number}"] = "yes"
        data[f"criteria-justification_{number}"] = "Som tidigare."
    assert client.post(url, data).status_code == 302
    plan = PaymentPlan.objects.get(agreement=successor)
    assert plan.frequency == Frequency.MONTHLY and plan.created_by == successor.responsible
    successor.refresh_from_db()
    for year in successor.schedule():
        assert sum(amounts(successor, year.year)) == year.committee_cost


def test_the_export_keeps_formula_text_inert(client, seed, official):
    ikf = seed["ikf2023"]
    services.set_up_plan(agreement=ikf, frequency=Frequency.QUARTERLY, by=official)
    first = Instalment.objects.filter(agreement=ikf, year=2024).first()
    services.mark_paid(
        instalment=first,
        paid_on=date(2024, 1, 5),
        amount=Decimal(114_750),
        reference='=HYPERLINK("http://x")',
        by=official,
    )
    client.force_login(official)
    response = client.get(reverse("payments:export_csv") + "?year=2024")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    ikf_rows = [line for line in lines if line[1] == ikf.name and line[4] == "2024"]
    assert [line[7] for line in ikf_rows] == ["114750"] * 4
    assert ikf_rows[0][11] == '\'=HYPERLINK("http://x")'
    book = load_workbook(io.BytesIO(client.get(reverse("payments:export_xlsx") + "?year=2024").content))
    sheet = book.active
    references = [row[11] for row in sheet.iter_rows(min_row=2) if row[11].value]
    assert references[0].value == '=HYPERLINK("http://x")' and references[0].data_type == "s"
    assert sum(row[7].value for row in sheet.iter_rows(min_row=2) if row[1].value == ikf.name) == 459_000


def test_the_database_refuses_what_the_forms_would(seed):
    ikf = seed["ikf2023"]
    base = {"agreement": ikf, "year": 2024, "number": 1, "due_on": date(2024, 1, 1), "amount": Decimal(1)}
    Instalment.objects.create(**base)
    for changes in (
        {"number": 2, "amount": Decimal(-1)},
        {},  # the same agreement, year and number
        {"number": 3, "status": "paid"},  # paid without a date or amount
        {"number": 4, "status": "withheld"},  # withheld without a reason
        {"number": 13},
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            Instalment.objects.create(**{**base, **changes})


def test_the_payments_page_reads_the_same_number_of_queries_for_more_agreements(
    client, seed, official, django_assert_max_num_queries
):
    client.force_login(official)
    for key in ("hoppfull", "bro"):
        services.set_up_plan(agreement=seed[key], frequency=Frequency.MONTHLY, by=official)
    client.get(reverse("payments:payment_list") + "?year=2023")  # warm the session and permissions
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cache.clear()  # the page's build, not its cached copy (core/pagecache.py)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("payments:payment_list") + "?year=2023")
    for key in ("vises", "sprak", "ikf2023"):
        services.set_up_plan(agreement=seed[key], frequency=Frequency.MONTHLY, by=official)
    with django_assert_max_num_queries(len(few)):
        client.get(reverse("payments:payment_list") + "?year=2023")
