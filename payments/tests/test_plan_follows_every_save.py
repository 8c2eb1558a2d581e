"""Every path that saves an agreement's money or decides it keeps its payment plan in step (issue 16),
by an explicit call (core/agreement_changes.py; docs/decisions/0005-explicit-calls-for-payment-plans.md)
rather than a signal: each test fails if its path forgets the call. The agreement form's path is
test_payment_pages.py's `test_an_agreement_that_becomes_decided_gets_its_plan_at_once`; the
amendment page's is its `test_an_amendment_moves_only_what_is_still_planned`."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from conftest import form_data
from core import agreement_changes
from partnerships.models import Agreement, AgreementCriterion, Amendment
from payments import services
from payments.models import PaymentPlan
from payments.plans import Frequency
from reports.models import Memo


def in_step(agreement: Agreement) -> bool:
    agreement = Agreement.objects.get(pk=agreement.pk)
    return services.is_in_step(agreement, list(agreement.instalments.all()))


def yearly_sums(agreement: Agreement) -> dict[int, Decimal]:
    sums: dict[int, Decimal] = {}
    for instalment in Agreement.objects.get(pk=agreement.pk).instalments.all():
        sums[instalment.year] = sums.get(instalment.year, Decimal(0)) + instalment.amount
    return sums


@pytest.fixture
def ikf_monthly(seed, official) -> Agreement:
    """IKF 2023–2024 (450 000 kr in 2023, 459 000 kr in 2024) paid monthly."""
    ikf = seed["ikf2023"]
    services.set_up_plan(agreement=ikf, frequency=Frequency.MONTHLY, by=official)
    return ikf


def test_the_committees_decision_on_a_memo_gives_the_renewal_its_plan(client, secretary, ikf_monthly):
    """reports.dispatch.record_decision → partnerships.decision.decide: the renewal is decided and
    paid monthly like its predecessor, each year adding up to its cost."""
    from partnerships.services import renew

    successor = renew(agreement=ikf_monthly)
    for criterion in successor.guideline_criteria():
        AgreementCriterion.objects.update_or_create(
            agreement=successor,
            criterion=criterion.number,
            defaults={"fulfilled": True, "justification": "Som tidigare."},
        )
    memo = Memo.objects.create(
        kind=Memo.Kind.NEW_AGREEMENT,
        title="IOP med Internationella Kvinnoföreningen",
        date=date(2024, 9, 27),
        case_number="AN 2024-123",
        committee=successor.committee,
        agreement=successor,
        administration="Integration- och arbetsmarknadsförvaltningen",
        created_by=secretary,
    )
    client.force_login(secretary)
    url = reverse("reports:memo_decision", args=[memo.pk])
    response = client.post(
        url,
        {
            **form_data(client.get(url)),
            "meeting_date": "2024-10-20",
            "paragraph": "§ 45",
            "text": "Nämnden uppdrar åt direktören att teckna.",
            "delegated_signatory": "direktören",
        },
    )
    assert response.status_code == 302
    plan = PaymentPlan.objects.get(agreement=successor)
    assert plan.frequency == Frequency.MONTHLY
    successor.refresh_from_db()
    assert yearly_sums(successor) == {year.year: year.committee_cost for year in successor.schedule()}


def test_a_cost_changed_in_the_admin_moves_the_plan(client, administrator, ikf_monthly):
    url = reverse("admin:partnerships_agreement_change", args=[ikf_monthly.pk])
    client.force_login(administrator)
    data = form_data(client.get(url), form_index=-1)
    data["committee_cost_per_year"] = "480000"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert yearly_sums(ikf_monthly) == {2023: Decimal(480_000), 2024: Decimal(489_600)}  # +2 % in 2024
    assert in_step(ikf_monthly)


def test_a_draft_decided_in_the_admin_gets_its_plan(client, administrator, ikf_monthly):
    from partnerships.services import renew

    successor = renew(agreement=ikf_monthly)
    for criterion in successor.guideline_criteria():
        AgreementCriterion.objects.update_or_create(
            agreement=successor,
            criterion=criterion.number,
            defaults={"fulfilled": True, "justification": "Som tidigare."},
        )
    url = reverse("admin:partnerships_agreement_change", args=[successor.pk])
    client.force_login(administrator)
    data = form_data(client.get(url), form_index=-1)
    data.update({"stage": "decided", "decision_date": "2024-10-20"})
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert PaymentPlan.objects.get(agreement=successor).frequency == Frequency.MONTHLY
    assert in_step(successor)


def test_an_amendment_deleted_in_the_admin_puts_the_plan_back(
    client, official, ikf_monthly, django_user_model
):
    """Only a superuser may delete an amendment (the systemförvaltare's group may not)."""
    client.force_login(official)
    response = client.post(
        reverse("partnerships:amendment_create", args=[ikf_monthly.pk]),
        {"starts_on": "2024-07-01", "value_per_year": "950000", "committee_cost_per_year": "500000",
         "price_level_year": "2024", "indexation_percent": "2", "decision_date": "2024-05-01",
         "case_number": "AN 2024-1"},
    )  # fmt: skip
    assert response.status_code == 302
    assert yearly_sums(ikf_monthly)[2024] == Decimal(479_612)  # 459 000 × 182/366 + 500 000 × 184/366
    amendment = Amendment.objects.get(agreement=ikf_monthly)
    superuser = django_user_model.objects.create_superuser("root", "root@kommun.example", "x")
    superuser.totpdevice_set.create(name="app", confirmed=True)
    client.force_login(superuser)
    response = client.post(
        reverse("admin:partnerships_amendment_delete", args=[amendment.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert yearly_sums(ikf_monthly) == {2023: Decimal(450_000), 2024: Decimal(459_000)}


def test_the_import_tells_the_followers_of_each_agreement_it_saves(client, official, seed, monkeypatch):
    """The API's import saves through partnerships.services.save_agreement; an imported agreement is
    a draft (a file holds no assessment), so no plan: what must hold is that the call is made."""
    from imports.tests.test_import import AGREEMENT_COLUMNS, agreement_row, csv_file, upload

    told: list[tuple[str, bool]] = []

    def spy(agreement, *, became_decided: bool) -> None:
        told.append((agreement.name, became_decided))

    monkeypatch.setattr(agreement_changes, "_followers", [*agreement_changes.followers(), spy])
    committee = seed["ikf2023"].committee
    lead = seed["ikf2023"].parties.get().partner.name
    client.force_login(official)
    batch = upload(
        client,
        "agreements",
        csv_file(list(AGREEMENT_COLUMNS), [agreement_row("Ny", lead, **{"Nämnd": committee.abbreviation})]),
    )
    assert client.post(reverse("imports:confirm", args=[batch.pk])).status_code == 302
    assert told == [("Ny", False)]
    assert not PaymentPlan.objects.filter(agreement__name="Ny").exists()


def test_payments_follows_agreements():
    """PaymentsConfig.ready registers the plan's follower (without it no path above keeps a plan)."""
    assert services.follow_agreement in agreement_changes.followers()
