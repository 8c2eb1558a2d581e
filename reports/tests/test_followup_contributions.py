"""The partner's follow-up reports the year's figures the memo needs (how many went on to work or
studies, by sex) and each party's actual contribution against the agreement, which the official
approves with the rest (issue 24). IKF 2023–2024: the committee pays 450 000 kr and IKF
contributes 450 000 kr in kind in 2023 prices, +2 %: 459 000 kr each in 2024."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import IntegrityError
from django.urls import reverse

from accounts.models import PartnerMembership
from partnerships.models import Partner
from reports.followups.contributions import promised, reported_contributions
from reports.models import FollowUp


@pytest.fixture
def insatsledare(partner_user, seed):
    PartnerMembership.objects.create(
        user=partner_user, partner=Partner.objects.get(name="Internationella Kvinnoföreningen")
    )
    return partner_user


def answer(party, **extra):
    return {
        "enrolled": "60",
        "delivery_mode": "physical",
        "summary": "Må bra-grupper varje vecka.",
        "to_work_or_studies_women": "12",
        "to_work_or_studies_men": "6",
        "contribution_money_committee": "459 000",
        f"contribution_money_{party.pk}": "0",
        f"contribution_in_kind_{party.pk}": "470 000 kr",
        **extra,
    }


def test_what_the_agreement_promised_in_each_year(seed):
    ikf = seed["ikf2023"]
    assert [(name, amount) for _key, name, _party, amount in promised(ikf, 2023)] == [
        ("Arbetsmarknadsnämnden", Decimal("450000")),
        ("Internationella Kvinnoföreningen", Decimal("450000")),
    ]
    assert [amount for *_rest, amount in promised(ikf, 2024)] == [Decimal("459000"), Decimal("459000")]


def test_the_partner_reports_and_the_official_approves(client, insatsledare, official, seed):
    ikf = seed["ikf2023"]
    party = ikf.parties.get()
    client.force_login(insatsledare)
    url = reverse("portal:followup_edit", args=[ikf.pk, 2024])
    response = client.post(url, answer(party, submit=""))
    assert response.status_code == 302, response.content.decode()[:3000]
    follow_up = FollowUp.objects.get(agreement=ikf, year=2024)
    assert follow_up.outcomes_reported == {"women": 12, "men": 6, "total": 18}
    rows = reported_contributions(follow_up)
    assert [(r.name, r.promised, r.money, r.in_kind, r.reported, r.difference) for r in rows] == [
        (
            "Arbetsmarknadsnämnden",
            Decimal("459000"),
            Decimal("459000"),
            None,
            Decimal("459000"),
            Decimal("0"),
        ),
        (
            "Internationella Kvinnoföreningen",
            Decimal("459000"),
            Decimal("0"),
            Decimal("470000"),
            Decimal("470000"),
            Decimal("11000"),
        ),
    ]

    client.force_login(official)
    page = client.get(follow_up.get_absolute_url()).content.decode().replace("\u00a0", " ")
    assert "Gick vidare till arbete eller studier" in page and "11 000 kr" in page and "470 000 kr" in page
    assert client.post(reverse("reports:followup_approve", args=[follow_up.pk])).status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.status == FollowUp.Status.APPROVED


def test_the_form_shows_what_the_agreement_promised(client, insatsledare, seed):
    client.force_login(insatsledare)
    page = client.get(reverse("portal:followup_edit", args=[seed["ikf2023"].pk, 2024])).content.decode()
    page = page.replace("\u00a0", " ")
    assert "Internationella Kvinnoföreningen: insats i annat än pengar" in page
    assert "Enligt överenskommelsen: 459 000 kr." in page


def test_emptying_a_contribution_removes_it(client, insatsledare, seed):
    ikf = seed["ikf2023"]
    party = ikf.parties.get()
    client.force_login(insatsledare)
    url = reverse("portal:followup_edit", args=[ikf.pk, 2024])
    client.post(url, answer(party, save=""))
    follow_up = FollowUp.objects.get(agreement=ikf, year=2024)
    assert follow_up.contributions.count() == 2
    data = answer(party, save="", seen_version=follow_up.version)
    data.update({f"contribution_money_{party.pk}": "", f"contribution_in_kind_{party.pk}": ""})
    assert client.post(url, data).status_code == 302
    assert [row.party_id for row in follow_up.contributions.all()] == [None]


def test_more_outcomes_than_enrolled_is_refused(client, insatsledare, seed):
    ikf = seed["ikf2023"]
    client.force_login(insatsledare)
    response = client.post(
        reverse("portal:followup_edit", args=[ikf.pk, 2024]),
        answer(ikf.parties.get(), to_work_or_studies_women="31", to_work_or_studies_men="30", save=""),
    )
    assert response.status_code == 200
    assert "Fler gick vidare till arbete eller studier än som var inskrivna" in response.content.decode()
    assert not FollowUp.objects.exists()


def test_the_database_refuses_more_outcomes_than_enrolled(seed):
    with pytest.raises(IntegrityError):
        FollowUp.objects.create(
            agreement=seed["ikf2023"],
            year=2024,
            enrolled=5,
            to_work_or_studies_women=3,
            to_work_or_studies_men=3,
        )


def test_no_outcomes_until_both_are_given(seed):
    follow_up = FollowUp(agreement=seed["ikf2023"], year=2024, to_work_or_studies_women=3)
    assert follow_up.outcomes_reported is None


def test_the_key_figures_read_the_contributions_the_follow_up_reports(seed, official):
    """Issue 24: the one key-figures builder sets each party's reported contribution beside the
    promised one, from the approved follow-up (reports.keyfigures.reported_contributions)."""
    from decimal import Decimal

    from reports.keyfigures import reported_contributions as reported_for_key_figures
    from reports.models import FollowUp, ReportedContribution

    ikf = seed["ikf2023"]
    party = ikf.parties.get()
    from django.utils import timezone

    now = timezone.now()
    follow_up = FollowUp.objects.create(
        agreement=ikf, year=2024, summary="Text.", status="approved", submitted_at=now, approved_at=now
    )
    ReportedContribution.objects.create(
        follow_up=follow_up, party=party, money=Decimal(20_000), in_kind=Decimal(450_000)
    )
    ReportedContribution.objects.create(follow_up=follow_up, party=None, money=Decimal(459_000))
    assert reported_for_key_figures(follow_up) == {party.partner_id: Decimal(470_000), None: Decimal(459_000)}
