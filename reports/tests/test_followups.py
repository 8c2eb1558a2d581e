"""Follow-ups: the enrolled figure from the placements, overrides with a reason, the status steps."""

from datetime import UTC, datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from reports import followups
from reports.models import FollowUp

pytestmark = pytest.mark.django_db


@pytest.fixture
def placements_say_40(monkeypatch):
    """The participants app's figure, as reports asks for it (reports.followups)."""
    monkeypatch.setattr(followups, "enrolled_from_placements", lambda agreement, year: 40)


@pytest.fixture
def agreement(seed):
    return seed["sprak"]


def test_the_figure_comes_from_the_placements_on_demo_data(demo_participants):
    """Seed 000: "40 inskrivna deltagare under 2021" and "54 inskrivna deltagare"."""
    seed = demo_participants
    assert followups.enrolled_from_placements(seed["sprak"], 2021) == 40
    assert followups.enrolled_from_placements(seed["ikf2021"], 2021) == 54


def test_the_form_is_prefilled_from_real_placements(client, official, demo_participants):
    seed = demo_participants
    client.force_login(official)
    response = client.get(reverse("reports:followup_create", args=[seed["ikf2021"].pk, 2021]))
    assert response.context["form"]["enrolled"].value() == 54


def test_the_form_starts_with_the_placements_figure(client, official, agreement, placements_say_40):
    client.force_login(official)
    response = client.get(reverse("reports:followup_create", args=[agreement.pk, 2021]))
    assert response.status_code == 200
    assert response.context["form"]["enrolled"].value() == 40


def test_the_placements_figure_is_saved_without_a_reason(client, official, agreement, placements_say_40):
    client.force_login(official)
    response = client.post(
        reverse("reports:followup_create", args=[agreement.pk, 2021]),
        {"enrolled": "40", "summary": "Verksamheten har bedrivits digitalt.", "delivery_mode": "digital"},
    )
    assert response.status_code == 302
    follow_up = FollowUp.objects.get(agreement=agreement, year=2021)
    assert (follow_up.enrolled, follow_up.enrolled_from_placements) == (40, 40)
    assert follow_up.status == FollowUp.Status.DRAFT


def test_an_override_needs_a_reason(client, official, agreement, placements_say_40):
    client.force_login(official)
    url = reverse("reports:followup_create", args=[agreement.pk, 2021])
    response = client.post(url, {"enrolled": "42", "summary": "x"})
    assert response.status_code == 200
    assert "ange varför antalet avviker" in response.content.decode()
    assert not FollowUp.objects.exists()
    response = client.post(
        url, {"enrolled": "42", "summary": "x", "enrolled_override_reason": "Två kom via skolan."}
    )
    assert response.status_code == 302
    follow_up = FollowUp.objects.get()
    assert (follow_up.enrolled, follow_up.enrolled_from_placements) == (42, 40)


def test_the_database_refuses_an_override_without_a_reason(agreement):
    with pytest.raises(IntegrityError), transaction.atomic():
        FollowUp.objects.create(agreement=agreement, year=2021, enrolled=42, enrolled_from_placements=40)
    with pytest.raises(IntegrityError), transaction.atomic():
        FollowUp.objects.create(agreement=agreement, year=2021, enrolled=None, enrolled_from_placements=40)
    FollowUp.objects.create(agreement=agreement, year=2021, enrolled=42, enrolled_from_placements=None)


def test_one_follow_up_per_agreement_and_year(agreement):
    FollowUp.objects.create(agreement=agreement, year=2021)
    with pytest.raises(IntegrityError), transaction.atomic():
        FollowUp.objects.create(agreement=agreement, year=2021)


def test_status_must_match_its_timestamps(agreement):
    with pytest.raises(IntegrityError), transaction.atomic():
        FollowUp.objects.create(agreement=agreement, year=2021, status=FollowUp.Status.APPROVED)
    moment = datetime(2022, 3, 1, tzinfo=UTC)
    FollowUp.objects.create(
        agreement=agreement,
        year=2021,
        status=FollowUp.Status.APPROVED,
        submitted_at=moment,
        approved_at=moment,
    )


def test_no_follow_up_for_a_year_the_agreement_did_not_run(client, official, seed):
    client.force_login(official)
    response = client.get(reverse("reports:followup_create", args=[seed["vises"].pk, 2021]))
    assert response.status_code == 404


def test_draft_submitted_approved(client, official, secretary, agreement):
    follow_up = FollowUp.objects.create(agreement=agreement, year=2021, summary="40 inskrivna.")
    client.force_login(official)
    client.post(reverse("reports:followup_submit", args=[follow_up.pk]))
    follow_up.refresh_from_db()
    assert (follow_up.status, follow_up.submitted_by) == (FollowUp.Status.SUBMITTED, official)
    # a submitted follow-up is no longer edited
    response = client.get(reverse("reports:followup_edit", args=[follow_up.pk]))
    assert response.status_code == 302
    client.force_login(secretary)
    client.post(reverse("reports:followup_approve", args=[follow_up.pk]))
    follow_up.refresh_from_db()
    assert (follow_up.status, follow_up.approved_by) == (FollowUp.Status.APPROVED, secretary)
    assert follow_up.history.count() == 3


def test_the_submitter_does_not_approve(secretary, agreement):
    follow_up = FollowUp.objects.create(agreement=agreement, year=2021, summary="Text.")
    followups.submit(follow_up=follow_up, by=secretary)
    with pytest.raises(ValidationError):
        followups.approve(follow_up=follow_up, by=secretary)
    assert FollowUp.objects.get().status == FollowUp.Status.SUBMITTED


def test_coordinators_cannot_approve_but_officials_can(client, official, coordinator, secretary, agreement):
    """Issue 5: a partner submits, "which an official then approves"."""
    follow_up = FollowUp.objects.create(agreement=agreement, year=2021, summary="Text.")
    followups.submit(follow_up=follow_up, by=secretary)
    client.force_login(coordinator)
    assert client.post(reverse("reports:followup_approve", args=[follow_up.pk])).status_code == 403
    client.force_login(official)
    assert client.post(reverse("reports:followup_approve", args=[follow_up.pk])).status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.approved_by == official


def test_sending_back_makes_it_a_draft_again(secretary, official, agreement):
    follow_up = FollowUp.objects.create(agreement=agreement, year=2021, summary="Text.")
    followups.submit(follow_up=follow_up, by=official)
    followups.send_back(follow_up=follow_up, by=secretary, reason="Ange antalet deltagare.")
    follow_up.refresh_from_db()
    assert (follow_up.status, follow_up.submitted_at, follow_up.submitted_by) == (
        FollowUp.Status.DRAFT,
        None,
        None,
    )
    assert (follow_up.returned_reason, follow_up.returned_by) == ("Ange antalet deltagare.", secretary)


def test_an_empty_follow_up_is_not_submitted(official, agreement):
    follow_up = FollowUp.objects.create(agreement=agreement, year=2021)
    with pytest.raises(ValidationError):
        followups.submit(follow_up=follow_up, by=official)


def test_the_year_list_shows_every_agreement_that_ran(client, coordinator, demo):
    client.force_login(coordinator)
    response = client.get(reverse("reports:followup_list"), {"year": 2021})
    names = [agreement.name for agreement, _follow_up in response.context["rows"]]
    assert sorted(names) == sorted(
        [
            "Bro-modellen",
            "Hoppfull framtid",
            "Inkludering på lika villkor",
            "Kompletterande språkträning",
            "Språkvänner",
        ]
    )
    assert all(follow_up is not None for _agreement, follow_up in response.context["rows"])


def test_a_follow_up_is_for_a_year_the_agreement_ran(seed):
    follow_up = FollowUp(agreement=seed["vises"], year=2021)
    with pytest.raises(ValidationError) as error:
        follow_up.full_clean()
    assert error.value.messages == ["Överenskommelsen löpte inte 2021."]
    FollowUp(agreement=seed["vises"], year=2022).full_clean()


def test_no_placements_at_all_means_no_figure_and_no_reason_needed(client, official, seed):
    """Vi Ses! assigns nobody through the registry: its follow-up's figure is the author's own."""
    assert followups.enrolled_from_placements(seed["vises"], 2022) is None
    client.force_login(official)
    response = client.post(
        reverse("reports:followup_create", args=[seed["vises"].pk, 2022]),
        {
            "enrolled": "35",
            "delivery_mode": "mixed",
            "summary": "Språkcaféer.",
            "challenges": "",
            "results": "",
        },
    )
    assert response.status_code == 302
    assert FollowUp.objects.get(agreement=seed["vises"], year=2022).enrolled == 35


def test_placements_in_other_years_make_zero_a_real_figure(seed):
    from datetime import date

    from participants.tests.factories import PlacementFactory

    PlacementFactory(agreement=seed["ikf2023"], start=date(2024, 2, 1))
    assert followups.enrolled_from_placements(seed["ikf2023"], 2023) == 0
