"""A partner sees its follow-ups after submitting them, and why one was sent back."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.models import PartnerMembership
from partnerships.models import Partner
from reports import followups
from reports.models import FollowUp

pytestmark = pytest.mark.django_db

REASON = "Beskriv även utmaningarna under året."


@pytest.fixture
def insatsledare(partner_user, seed):
    PartnerMembership.objects.create(
        user=partner_user, partner=Partner.objects.get(name="Internationella Kvinnoföreningen")
    )
    return partner_user


@pytest.fixture
def submitted(insatsledare, seed):
    follow_up = FollowUp.objects.create(
        agreement=seed["ikf2023"], year=2023, summary="Må bra-grupper varje vecka.", delivery_mode="physical"
    )
    return followups.submit(follow_up=follow_up, by=insatsledare)


def test_a_submitted_follow_up_stays_visible_read_only(client, insatsledare, submitted):
    client.force_login(insatsledare)
    agreement_page = client.get(reverse("portal:agreement", args=[submitted.agreement_id])).content.decode()
    detail_url = reverse("portal:followup_detail", args=[submitted.pk])
    assert detail_url in agreement_page
    response = client.get(detail_url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Må bra-grupper varje vecka." in page and "inlämnad" in page and "fysiskt" in page
    assert "<form" not in page.split("<main", 1)[1]  # read only
    # the edit page sends a submitted follow-up's author here
    edit = client.get(reverse("portal:followup_edit", args=[submitted.agreement_id, 2023]))
    assert edit["Location"] == detail_url


def test_the_reason_for_sending_back_is_shown_in_the_portal(client, insatsledare, official, submitted):
    followups.send_back(follow_up=submitted, by=official, reason=REASON)
    client.force_login(insatsledare)
    form_page = client.get(
        reverse("portal:followup_edit", args=[submitted.agreement_id, 2023])
    ).content.decode()
    assert 'id="returned-reason"' in form_page and REASON in form_page
    detail = client.get(reverse("portal:followup_detail", args=[submitted.pk])).content.decode()
    assert REASON in detail


def test_another_organisations_follow_up_is_404(client, insatsledare, seed):
    other = FollowUp.objects.create(agreement=seed["hoppfull"], year=2022, summary="Text.")
    client.force_login(insatsledare)
    assert client.get(reverse("portal:followup_detail", args=[other.pk])).status_code == 404
