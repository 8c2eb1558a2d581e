"""Meetings through their real URLs: record, decide, mark done; the start page and the memo cite them."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from meetings.models import Decision, Meeting
from partnerships.tests import documents
from reports.drafting.followup import draft_followup_memo
from reports.drafting.meetings import meeting_decisions_text

PDF = documents.pdf()


def record_meeting(client, agreement, **fields):
    data = {"kind": "steering", "date": "2023-03-01", "attendees": "IKF\nAN", "minutes": "Vi sågs.", **fields}
    return client.post(reverse("meetings:agreement_meetings", args=[agreement.pk]), data)


def test_an_official_records_a_meeting_and_its_decision_which_the_owner_sees_on_the_start_page(
    client, seed, official, coordinator
):
    ikf = seed["ikf2023"]
    client.force_login(official)
    response = record_meeting(client, ikf)
    meeting = Meeting.objects.get(agreement=ikf)
    assert response.status_code == 302 and response.url == meeting.get_absolute_url()
    assert (meeting.kind, meeting.date, meeting.created_by) == ("steering", date(2023, 3, 1), official)
    client.post(
        meeting.get_absolute_url(),
        {"text": "Ta fram en kommunikationsplan.", "owner": coordinator.pk, "due_on": "2023-04-15"},
    )
    decision = Decision.objects.get(meeting=meeting)
    assert decision.owner == coordinator and not decision.done
    client.force_login(coordinator)
    home = client.get(reverse("home")).content.decode()
    assert 'id="open-decisions"' in home and "Ta fram en kommunikationsplan." in home
    # the official, who gave it, has no such item; the coordinator owns it and marks it done
    client.force_login(official)
    assert "Ta fram en kommunikationsplan." not in client.get(reverse("home")).content.decode()
    client.force_login(coordinator)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert reverse("meetings:decision_done", args=[decision.pk]) in page  # the owner's button
    assert client.post(reverse("meetings:decision_done", args=[decision.pk])).status_code == 302
    decision.refresh_from_db()
    assert decision.done and decision.done_on is not None
    client.force_login(coordinator)
    assert 'id="open-decisions"' not in client.get(reverse("home")).content.decode()


def test_minutes_as_a_document_are_checked_and_served_only_to_staff(client, seed, official, partner_user):
    ikf = seed["ikf2023"]
    client.force_login(official)
    refused = record_meeting(client, ikf, minutes="", minutes_file=SimpleUploadedFile("p.pdf", b"MZ\x90\x00"))
    assert refused.status_code == 400 and not Meeting.objects.exists()
    nothing = record_meeting(client, ikf, minutes="")
    assert nothing.status_code == 400 and "Skriv protokollet" in nothing.content.decode()
    record_meeting(client, ikf, minutes="", minutes_file=SimpleUploadedFile("protokoll.pdf", PDF))
    meeting = Meeting.objects.get()
    download = client.get(reverse("meetings:minutes_download", args=[meeting.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert meeting.minutes_name == "protokoll.pdf" and len(meeting.minutes_sha256) == 64
    client.force_login(partner_user)
    assert client.get(reverse("meetings:minutes_download", args=[meeting.pk])).status_code == 403


@pytest.mark.parametrize("role", ["secretary", "coordinator", "partner_user"])
def test_only_officials_record_meetings(client, seed, role, request):
    client.force_login(request.getfixturevalue(role))
    assert record_meeting(client, seed["ikf2023"]).status_code == 403
    assert not Meeting.objects.exists()


def test_the_follow_up_memo_cites_the_years_meeting_decisions(seed, official):
    ikf2021 = seed["ikf2021"]
    meeting = Meeting.objects.create(
        agreement=ikf2021, kind="working", date=date(2021, 5, 3), attendees="IKF", minutes="."
    )
    meeting.decisions.create(text="Utöka  med en\nkvällsgrupp.", owner=official, due_on=date(2021, 9, 1))
    Meeting.objects.create(
        agreement=ikf2021, kind="steering", date=date(2022, 2, 1), attendees="x", minutes="."
    )
    text = meeting_decisions_text([ikf2021.pk], 2021)
    assert text == (
        "**Inkludering på lika villkor**\n\n"
        "- 2021-05-03, arbetsgrupp: Utöka med en kvällsgrupp. (öppet, senast 2021-09-01)"
    )
    draft = draft_followup_memo(
        committee=ikf2021.committee, report_year=2021, overview_year=2022, date=date(2022, 3, 30)
    )
    assert draft.section("Beslut i partnerskapens möten 2021").body == text
    assert meeting_decisions_text([ikf2021.pk], 2022) == ""
    headings = [s.heading for s in draft_followup_memo(
        committee=ikf2021.committee, report_year=2020, overview_year=2022, date=date(2022, 3, 30)
    ).sections]  # fmt: skip
    assert not [h for h in headings if h.startswith("Beslut i partnerskapens möten")]


@pytest.mark.committee_isolation
def test_a_decision_goes_to_someone_of_the_agreements_committee_and_only_its_owner_marks_it_done(
    client, seed, official, coordinator, secretary, django_user_model
):
    from accounts import roles
    from accounts.models import CommitteeMembership
    from conftest import make_user
    from participants.tests.factories import CommitteeFactory

    ikf = seed["ikf2023"]
    other = CommitteeFactory(name="Socialnämnden", abbreviation="SN", administration="Socialförvaltningen")
    for user in (official, coordinator, secretary):
        CommitteeMembership.objects.create(user=user, committee=ikf.committee)
    elsewhere = make_user(django_user_model, "sn-koordinator", roles.COORDINATOR)
    CommitteeMembership.objects.create(user=elsewhere, committee=other)
    client.force_login(official)
    record_meeting(client, ikf)
    meeting = Meeting.objects.get(agreement=ikf)
    owners = client.get(meeting.get_absolute_url()).context["form"].fields["owner"].queryset
    assert coordinator in owners and secretary in owners and elsewhere not in owners
    refused = client.post(
        meeting.get_absolute_url(), {"text": "X.", "owner": elsewhere.pk, "due_on": "2023-04-15"}
    )
    assert refused.status_code == 400 and not Decision.objects.exists()
    client.post(meeting.get_absolute_url(), {"text": "Y.", "owner": coordinator.pk, "due_on": "2023-04-15"})
    decision = Decision.objects.get()
    client.force_login(secretary)  # sees the meeting, but the decision is not theirs
    assert client.post(reverse("meetings:decision_done", args=[decision.pk])).status_code == 403
    decision.refresh_from_db()
    assert not decision.done


def test_the_follow_up_memo_drafted_through_its_page_cites_the_decision_recorded_through_the_pages(
    client, seed, official, secretary
):
    """Issue 16 through the real URLs: an official records a working-group meeting of 2021 and a
    decision; the secretary drafts the follow-up memo for 2021 on its page, and it cites them."""
    from reports.models import Memo

    ikf2021 = seed["ikf2021"]
    client.force_login(official)
    record_meeting(client, ikf2021, kind="working", date="2021-05-03")
    meeting = Meeting.objects.get(agreement=ikf2021)
    client.post(
        meeting.get_absolute_url(),
        {"text": "Utöka med en kvällsgrupp.", "owner": official.pk, "due_on": "2021-09-01"},
    )
    client.force_login(secretary)
    response = client.post(
        reverse("reports:draft_followup_memo"),
        {
            "committee": ikf2021.committee_id,
            "report_year": "2021",
            "overview_year": "2022",
            "date": "2022-03-30",
            "case_number": "",
        },
    )
    assert response.status_code == 302
    memo = Memo.objects.get(kind=Memo.Kind.FOLLOW_UP)
    section = memo.sections.get(heading="Beslut i partnerskapens möten 2021")
    assert "2021-05-03, arbetsgrupp: Utöka med en kvällsgrupp. (öppet, senast 2021-09-01)" in section.body
    page = client.get(memo.get_absolute_url()).content.decode()
    assert "Utöka med en kvällsgrupp." in page
