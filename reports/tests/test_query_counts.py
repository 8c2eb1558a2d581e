"""Pages make the same number of queries however many agreements, follow-ups and versions there are."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnerships.models import Agreement, AgreementParty, Partner
from reports import drafting
from reports.exports import export_memo
from reports.models import FollowUp

pytestmark = pytest.mark.django_db


def add_agreements(committee, count: int) -> None:
    """More decided agreements in 2021–2022, each with a partner and an approved 2021 follow-up."""
    for index in range(count):
        agreement = Agreement.objects.create(
            name=f"Extra {index}",
            committee=committee,
            purpose="arbetslik aktivitet",
            value_per_year=Decimal(1000),
            committee_cost_per_year=Decimal(500),
            price_level_year=2021,
            valid_from=date(2021, 1, 1),
            valid_to=date(2022, 12, 31),
            stage=Agreement.Stage.DECIDED,
        )
        partner = Partner.objects.create(name=f"Förening {index}")
        AgreementParty.objects.create(agreement=agreement, partner=partner)
        FollowUp.objects.create(
            agreement=agreement,
            year=2021,
            summary="Text.",
            status=FollowUp.Status.APPROVED,
            submitted_at="2022-02-01T10:00:00Z",
            approved_at="2022-03-01T10:00:00Z",
        )


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.fixture
def pages(demo, committee, secretary):
    memo = drafting.save_draft(
        drafting.draft_followup_memo(
            committee=committee, report_year=2021, overview_year=2022, date=date(2022, 3, 30)
        ),
        by=secretary,
    )
    return [
        memo.get_absolute_url(),
        reverse("reports:memo_edit", args=[memo.pk]),
        reverse("reports:memo_section_edit", args=[memo.pk, memo.sections.first().pk]),
        reverse("reports:memo_list"),
        reverse("reports:followup_list") + "?year=2021",
    ], memo


def test_constant_queries(client, secretary, committee, pages):
    urls, memo = pages
    client.force_login(secretary)
    export_memo(memo=memo, by=secretary)
    before = [queries(client, url) for url in urls]
    add_agreements(committee, 4)
    export_memo(memo=memo, by=secretary)
    drafting.save_draft(
        drafting.draft_decision_memo(agreement=Agreement.objects.get(name="Extra 0"), date=date(2022, 9, 1)),
        by=secretary,
    )
    memo.sections.create(order=99, heading="Bilaga", body="Text.")
    after = [queries(client, url) for url in urls]
    assert after == before
