"""Sending a follow-up back takes a reason: its author sees why, on the follow-up page and in the
portal, until they submit again; the history keeps it."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from reports import followups
from reports.models import FollowUp

pytestmark = pytest.mark.django_db

REASON = "Beskriv även utmaningarna under året och ange antalet deltagare."


@pytest.fixture
def submitted(seed, official):
    follow_up = FollowUp.objects.create(agreement=seed["sprak"], year=2021, summary="Text.")
    return followups.submit(follow_up=follow_up, by=official)


def test_no_send_back_without_a_reason(secretary, submitted):
    for reason in ("", "  \n "):
        with pytest.raises(ValidationError) as error:
            followups.send_back(follow_up=submitted, by=secretary, reason=reason)
        assert error.value.messages == [
            "Skriv varför uppföljningen skickas tillbaka: den som skrev den ser motiveringen."
        ]
    submitted.refresh_from_db()
    assert submitted.status == FollowUp.Status.SUBMITTED and submitted.returned_reason == ""


def test_the_page_asks_for_a_reason(client, secretary, submitted):
    client.force_login(secretary)
    page = client.get(submitted.get_absolute_url()).content.decode()
    assert 'id="send-back"' in page and 'name="reason"' in page
    response = client.post(reverse("reports:followup_send_back", args=[submitted.pk]), {"reason": " "})
    assert response.status_code == 400
    assert "Skriv varför uppföljningen skickas tillbaka" in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == FollowUp.Status.SUBMITTED


def test_the_reason_is_kept_and_shown_to_the_author(client, secretary, official, submitted):
    client.force_login(secretary)
    response = client.post(
        reverse("reports:followup_send_back", args=[submitted.pk]), {"reason": REASON}, follow=True
    )
    assert "skickades tillbaka till den som skrev den, med din motivering" in response.content.decode()
    submitted.refresh_from_db()
    assert (submitted.status, submitted.returned_reason, submitted.returned_by) == (
        FollowUp.Status.DRAFT,
        REASON,
        secretary,
    )
    assert submitted.returned_at is not None

    client.force_login(official)  # the author
    for url in (submitted.get_absolute_url(), reverse("reports:followup_edit", args=[submitted.pk])):
        page = client.get(url).content.decode()
        assert 'id="returned-reason"' in page and REASON in page
        assert f"Skickades tillbaka {timezone.localdate():%Y-%m-%d} av charlie:" in page


def test_submitting_again_clears_the_reason_and_the_history_keeps_it(secretary, official, submitted):
    followups.send_back(follow_up=submitted, by=secretary, reason=REASON)
    follow_up = followups.submit(follow_up=submitted, by=official)
    assert (follow_up.returned_reason, follow_up.returned_by, follow_up.returned_at) == ("", None, None)
    assert REASON in [record.returned_reason for record in follow_up.history.all()]


def test_the_history_on_the_page_names_the_reason(client, secretary, submitted):
    followups.send_back(follow_up=submitted, by=secretary, reason=REASON)
    client.force_login(secretary)
    page = client.get(submitted.get_absolute_url())
    assert any(REASON in str(field.new) for change in page.context["history"] for field in change.fields)


def test_the_database_refuses_a_reason_outside_a_draft_or_without_text(seed, submitted):
    moment = timezone.now()
    with pytest.raises(IntegrityError), transaction.atomic():
        FollowUp.objects.filter(pk=submitted.pk).update(returned_reason=REASON, returned_at=moment)
    draft = FollowUp.objects.create(agreement=seed["bro"], year=2021)
    with pytest.raises(IntegrityError), transaction.atomic():
        FollowUp.objects.filter(pk=draft.pk).update(returned_reason="", returned_at=moment)
    with pytest.raises(IntegrityError), transaction.atomic():
        FollowUp.objects.filter(pk=draft.pk).update(returned_reason=REASON)
    FollowUp.objects.filter(pk=draft.pk).update(returned_reason=REASON, returned_at=moment)


def test_only_a_reviewer_sends_back(client, coordinator, submitted):
    client.force_login(coordinator)
    assert (
        client.post(
            reverse("reports:followup_send_back", args=[submitted.pk]), {"reason": REASON}
        ).status_code
        == 403
    )
    submitted.refresh_from_db()
    assert submitted.status == FollowUp.Status.SUBMITTED
