"""The committee's decision recorded on a memo (issue 23): meeting date, paragraph, text and the
delegated signatory; shown on the memo and the agreement; a draft agreement becomes decided with
it, only when its criteria are assessed."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from conftest import form_data
from participants.tests.factories import AgreementFactory, CommitteeFactory
from partnerships.models import Agreement, AgreementCriterion, AgreementParty, Partner
from reports.models import CommitteeDecision, Memo

DECISION = {
    "meeting_date": "2022-10-20",
    "paragraph": "§ 45",
    "text": (
        "Arbetsmarknadsnämnden uppdrar åt integration- och arbetsmarknadsdirektören att teckna idéburet "
        "offentligt partnerskap med Internationella Kvinnoföreningen i Linköping för perioden 2023-01-01 "
        "till och med 2024-12-31."
    ),
    "delegated_signatory": "integration- och arbetsmarknadsdirektören",
}


def decision_url(memo: Memo) -> str:
    return reverse("reports:memo_decision", args=[memo.pk])


def post_decision(client, memo: Memo, **changes):
    url = decision_url(memo)
    return client.post(url, {**form_data(client.get(url)), **DECISION, **changes})


@pytest.fixture
def draft_agreement(seed):
    """A draft renewal of IKF's agreement with every criterion of its guideline assessed."""
    ikf = seed["ikf2023"]
    agreement = AgreementFactory(
        committee=ikf.committee,
        name="Inkludering på lika villkor 2025–2026",
        stage=Agreement.Stage.DRAFT,
        valid_from=date(2025, 1, 1),
        valid_to=date(2026, 12, 31),
        predecessor=ikf,
    )
    AgreementParty.objects.create(agreement=agreement, partner=ikf.parties.get().partner)
    for criterion in agreement.guideline_criteria():
        AgreementCriterion.objects.create(
            agreement=agreement,
            criterion=criterion.number,
            fulfilled=True,
            justification="Ja, enligt ansökan.",
        )
    return agreement


@pytest.fixture
def decision_memo(draft_agreement, secretary) -> Memo:
    return Memo.objects.create(
        kind=Memo.Kind.NEW_AGREEMENT,
        title="IOP med Internationella Kvinnoföreningen",
        date=date(2022, 9, 27),
        case_number="AN 2022-123",
        committee=draft_agreement.committee,
        agreement=draft_agreement,
        administration="Integration- och arbetsmarknadsförvaltningen",
        created_by=secretary,
    )


def test_the_secretary_records_the_decision_and_the_agreement_becomes_decided(
    client, secretary, decision_memo, draft_agreement
):
    client.force_login(secretary)
    response = post_decision(client, decision_memo)
    assert response.status_code == 302
    decision = CommitteeDecision.objects.get(memo=decision_memo)
    assert (decision.meeting_date, decision.paragraph) == (date(2022, 10, 20), "45")
    assert decision.delegated_signatory == "integration- och arbetsmarknadsdirektören"
    assert decision.recorded_by == secretary
    draft_agreement.refresh_from_db()
    assert draft_agreement.stage == Agreement.Stage.DECIDED
    assert draft_agreement.decision_date == date(2022, 10, 20)
    assert draft_agreement.payment_plan is not None  # a decided agreement gets its plan at once

    memo_page = client.get(decision_memo.get_absolute_url()).content.decode()
    assert "2022-10-20, § 45" in memo_page
    assert "integration- och arbetsmarknadsdirektören" in memo_page
    agreement_page = client.get(draft_agreement.get_absolute_url()).content.decode()
    assert "Arbetsmarknadsnämnden 2022-10-20, § 45" in agreement_page
    assert "uppdrar åt integration- och arbetsmarknadsdirektören" in agreement_page


def test_a_draft_with_a_criterion_not_assessed_is_not_decided_and_no_decision_is_kept(
    client, secretary, decision_memo, draft_agreement
):
    AgreementCriterion.objects.filter(agreement=draft_agreement, criterion=3).update(justification="")
    client.force_login(secretary)
    response = post_decision(client, decision_memo)
    assert response.status_code == 400
    assert "saknas: 3" in response.content.decode()
    assert not CommitteeDecision.objects.filter(memo=decision_memo).exists()
    draft_agreement.refresh_from_db()
    assert draft_agreement.stage == Agreement.Stage.DRAFT


def test_a_criterion_not_met_is_decided_only_with_a_recorded_deviation(
    client, secretary, decision_memo, draft_agreement
):
    """Issue 23: recording the committee's decision is the other way an agreement becomes
    decided; it keeps the deviation rule as the agreement form does."""
    AgreementCriterion.objects.filter(agreement=draft_agreement, criterion=5).update(fulfilled=False)
    client.force_login(secretary)
    response = post_decision(client, decision_memo)
    assert response.status_code == 400
    assert "Kriterium 5 är inte uppfyllt" in response.content.decode()
    assert not CommitteeDecision.objects.filter(memo=decision_memo).exists()
    Agreement.objects.filter(pk=draft_agreement.pk).update(deviation="Konkurrens finns men är liten.")
    assert post_decision(client, decision_memo).status_code == 302
    draft_agreement.refresh_from_db()
    assert draft_agreement.stage == Agreement.Stage.DECIDED


def test_a_correction_keeps_one_decision_and_moves_the_decision_date(
    client, official, decision_memo, draft_agreement
):
    client.force_login(official)
    assert post_decision(client, decision_memo).status_code == 302
    assert post_decision(client, decision_memo, meeting_date="2022-10-27", paragraph="52").status_code == 302
    assert CommitteeDecision.objects.filter(memo=decision_memo).count() == 1
    assert CommitteeDecision.objects.get(memo=decision_memo).paragraph == "52"
    draft_agreement.refresh_from_db()
    assert draft_agreement.decision_date == date(2022, 10, 27)


def test_a_meeting_before_the_memo_is_refused(client, secretary, decision_memo):
    client.force_login(secretary)
    response = post_decision(client, decision_memo, meeting_date="2022-09-01")
    assert response.status_code == 200
    assert "efter att tjänsteskrivelsen" in response.content.decode()
    assert not CommitteeDecision.objects.filter(memo=decision_memo).exists()


def test_a_stale_correction_is_refused(client, secretary, decision_memo):
    client.force_login(secretary)
    post_decision(client, decision_memo)
    url = decision_url(decision_memo)
    stale = form_data(client.get(url))
    assert post_decision(client, decision_memo, paragraph="46").status_code == 302
    response = client.post(url, {**stale, **DECISION, "paragraph": "47"})
    assert response.status_code == 409
    assert CommitteeDecision.objects.get(memo=decision_memo).paragraph == "46"


def test_the_coordinator_may_not_record_a_decision(client, coordinator, decision_memo):
    client.force_login(coordinator)
    assert client.get(decision_url(decision_memo)).status_code == 403
    assert client.post(decision_url(decision_memo), DECISION).status_code == 403


def test_another_committees_memo_is_not_found(client, secretary, seed):
    other = CommitteeFactory(name="Socialnämnden", abbreviation="SN")
    memo = Memo.objects.create(
        title="SN:s skrivelse", date=date(2024, 3, 1), committee=other, administration="Socialförvaltningen"
    )
    client.force_login(secretary)
    assert client.get(decision_url(memo)).status_code == 404
    assert client.post(decision_url(memo), DECISION).status_code == 404
    assert not CommitteeDecision.objects.exists()


def test_the_database_refuses_a_decision_without_paragraph(decision_memo):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        CommitteeDecision.objects.create(
            memo=decision_memo, meeting_date=date(2022, 10, 20), paragraph="", text="x"
        )


def test_a_partner_sees_the_decision_on_its_agreement_page(
    client, partner_user, decision_memo, draft_agreement, secretary
):
    from accounts.models import PartnerMembership

    client.force_login(secretary)
    post_decision(client, decision_memo)
    PartnerMembership.objects.create(
        user=partner_user, partner=Partner.objects.get(name__startswith="Internationella")
    )
    client.force_login(partner_user)
    page = client.get(draft_agreement.get_absolute_url()).content.decode()
    assert "§ 45" in page
    assert decision_memo.get_absolute_url() not in page  # the memo itself is the municipality's
