"""A partner writes and submits its yearly follow-up; an official approves it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.models import PartnerMembership
from partnerships.models import Partner
from reports.models import FollowUp


@pytest.fixture
def insatsledare(partner_user, seed):
    PartnerMembership.objects.create(
        user=partner_user, partner=Partner.objects.get(name="Internationella Kvinnoföreningen")
    )
    return partner_user


def answer(**extra):
    return {
        "enrolled": "0",
        "delivery_mode": "physical",
        "summary": "Må bra-grupper varje vecka.",
        "challenges": "",
        "results": "",
        **extra,
    }


def test_partner_writes_submits_and_an_official_approves(client, insatsledare, official, seed):
    agreement = seed["ikf2023"]
    url = reverse("portal:followup_edit", args=[agreement.pk, 2023])
    client.force_login(insatsledare)
    assert client.get(url).status_code == 200
    draft = client.post(url, answer(save=""))
    assert draft.status_code == 302
    follow_up = FollowUp.objects.get(agreement=agreement, year=2023)
    assert follow_up.status == FollowUp.Status.DRAFT

    submitted = client.post(
        url,
        answer(
            submit="", summary="Må bra-grupper varje vecka, 60 deltagare.", seen_version=follow_up.version
        ),
        follow=True,
    )
    assert "lämnades in" in submitted.content.decode()
    follow_up.refresh_from_db()
    assert (follow_up.status, follow_up.submitted_by) == (FollowUp.Status.SUBMITTED, insatsledare)
    # no more changes from the portal once submitted
    client.post(url, answer(submit="", summary="Ändrad i efterhand"))
    follow_up.refresh_from_db()
    assert follow_up.summary == "Må bra-grupper varje vecka, 60 deltagare."

    client.force_login(official)
    assert client.post(reverse("reports:followup_approve", args=[follow_up.pk])).status_code == 302
    follow_up.refresh_from_db()
    assert (follow_up.status, follow_up.approved_by) == (FollowUp.Status.APPROVED, official)


def test_a_figure_other_than_the_placements_needs_a_reason(client, insatsledare, seed):
    from datetime import date

    from participants.tests.factories import PlacementFactory

    PlacementFactory(agreement=seed["ikf2023"], start=date(2023, 3, 1))  # the registry says 1
    client.force_login(insatsledare)
    response = client.post(
        reverse("portal:followup_edit", args=[seed["ikf2023"].pk, 2023]), answer(enrolled="12", submit="")
    )
    assert response.status_code == 200 and "ange varför" in response.content.decode().lower()
    assert not FollowUp.objects.exists()


def test_another_organisations_follow_up_is_404(client, insatsledare, seed):
    client.force_login(insatsledare)
    assert client.get(reverse("portal:followup_edit", args=[seed["hoppfull"].pk, 2022])).status_code == 404
    assert client.get(reverse("portal:followup_edit", args=[seed["ikf2023"].pk, 2030])).status_code == 404


def test_partner_cannot_use_the_municipal_follow_up_pages(client, insatsledare, seed):
    client.force_login(insatsledare)
    assert client.get(reverse("reports:followup_list")).status_code == 403
