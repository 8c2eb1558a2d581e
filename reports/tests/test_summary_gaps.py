"""A follow-up memo's summaries are its text as drafted: the memo page warns about each agreement
section still without its follow-up, and fills one in once the follow-up has been approved."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from reports import drafting, followups
from reports.models import FollowUp, Memo

pytestmark = pytest.mark.django_db


@pytest.fixture
def bro_submitted(demo):
    """Bro-modellen's 2021 follow-up is waiting for approval when the memo is drafted."""
    follow_up = FollowUp.objects.get(agreement=demo["agreements"]["bro"], year=2021)
    FollowUp.objects.filter(pk=follow_up.pk).update(status=FollowUp.Status.SUBMITTED, approved_at=None)
    follow_up.refresh_from_db()
    return follow_up


@pytest.fixture
def memo(bro_submitted, committee, secretary) -> Memo:
    draft = drafting.draft_followup_memo(
        committee=committee, report_year=2021, overview_year=2022, date=date(2022, 3, 30)
    )
    return drafting.save_draft(draft, by=secretary)


def fill_url(memo: Memo, heading: str) -> str:
    return reverse("reports:memo_section_fill", args=[memo.pk, memo.sections.get(heading=heading).pk])


def test_drafting_links_each_summary_to_its_agreement(memo, demo):
    linked = {s.heading: s.agreement for s in memo.sections.filter(agreement__isnull=False)}
    keys = ["hoppfull", "bro", "sprak", "ikf2021", "sprakvanner"]
    assert linked == {demo["agreements"][key].name: demo["agreements"][key] for key in keys}


def test_the_warning_stays_once_the_follow_up_is_approved(client, secretary, official, memo, bro_submitted):
    client.force_login(official)
    gaps = client.get(memo.get_absolute_url()).context["summary_gaps"]
    assert [(gap.section.heading, gap.can_fill) for gap in gaps] == [("Bro-modellen", False)]

    followups.approve(follow_up=bro_submitted, by=secretary)
    response = client.get(memo.get_absolute_url())
    gaps = response.context["summary_gaps"]
    assert [(gap.section.heading, gap.can_fill) for gap in gaps] == [("Bro-modellen", True)]
    html = response.content.decode()
    assert "Fyll i från godkänd uppföljning" in html and fill_url(memo, "Bro-modellen") in html


def test_fill_in_from_the_approved_follow_up(client, secretary, official, memo, bro_submitted, committee):
    followups.approve(follow_up=bro_submitted, by=official)
    client.force_login(secretary)
    response = client.post(fill_url(memo, "Bro-modellen"), {"seen_version": memo.version}, follow=True)
    assert "fylldes i från den godkända uppföljningen" in response.content.decode()
    # the same text drafting gives it now the follow-up is approved
    fresh = drafting.draft_followup_memo(
        committee=committee, report_year=2021, overview_year=2022, date=date(2022, 3, 30)
    )
    section = memo.sections.get(heading="Bro-modellen")
    assert section.body == fresh.section("Bro-modellen").body
    assert section.body.startswith("Verksamheten har varit fortsatt påverkad av covid-19")
    assert section.history.count() == 2
    assert response.context["summary_gaps"] == []
    memo_before = memo.version
    memo.refresh_from_db()
    assert memo.version == memo_before + 1


def test_an_ended_agreement_keeps_its_closing_sentences(client, secretary, official, demo, committee):
    """Språkvänner drafted without its follow-up says only that it ran out: still a gap."""
    follow_up = FollowUp.objects.get(agreement=demo["agreements"]["sprakvanner"], year=2021)
    FollowUp.objects.filter(pk=follow_up.pk).update(status=FollowUp.Status.SUBMITTED, approved_at=None)
    draft = drafting.draft_followup_memo(
        committee=committee, report_year=2021, overview_year=2022, date=date(2022, 3, 30)
    )
    memo = drafting.save_draft(draft, by=secretary)
    assert memo.sections.get(heading="Språkvänner").body.startswith("IOP Språkvänner löpte ut 2021-12-31.")
    assert [gap.section.heading for gap in drafting.summary_gaps(memo)] == ["Språkvänner"]
    FollowUp.objects.filter(pk=follow_up.pk).update(
        status=FollowUp.Status.APPROVED, approved_at=timezone.now()
    )
    client.force_login(official)
    client.post(fill_url(memo, "Språkvänner"), {"seen_version": memo.version})
    assert memo.sections.get(heading="Språkvänner").body == (
        "Språkvänner har arbetat med att anpassa verksamheten till rådande pandemi och har haft digitala "
        "språkcaféer samt träffats utomhus för walk-and-talks när situationen tillåtit. IOP Språkvänner löpte ut "
        "2021-12-31. En ny överenskommelse, Vi Ses!, har tagits fram för perioden 2022.01.01 – 2023.12.31."
    )


def test_text_someone_wrote_is_neither_a_gap_nor_replaced(client, secretary, official, memo, bro_submitted):
    section = memo.sections.get(heading="Bro-modellen")
    section.body = "Återrapporten kommer senare."
    section.save()
    assert drafting.summary_gaps(memo) == []
    followups.approve(follow_up=bro_submitted, by=official)
    client.force_login(secretary)
    response = client.post(fill_url(memo, "Bro-modellen"), {"seen_version": memo.version}, follow=True)
    assert "Avsnittet har redan sin text." in response.content.decode()
    section.refresh_from_db()
    assert section.body == "Återrapporten kommer senare."


def test_nothing_to_fill_before_approval(client, secretary, memo):
    client.force_login(secretary)
    response = client.post(fill_url(memo, "Bro-modellen"), {"seen_version": memo.version}, follow=True)
    assert "har ännu ingen godkänd uppföljning för 2021" in response.content.decode()
    assert memo.sections.get(heading="Bro-modellen").body == ""


def test_a_fill_over_a_newer_version_is_refused(client, secretary, official, memo, bro_submitted):
    """The page showed version 1; someone saved the memo since: nothing is filled."""
    followups.approve(follow_up=bro_submitted, by=official)
    seen = memo.version
    Memo.objects.filter(pk=memo.pk).update(version=seen + 1)
    client.force_login(secretary)
    response = client.post(fill_url(memo, "Bro-modellen"), {"seen_version": seen}, follow=True)
    assert "Någon annan ändrade skrivelsen" in response.content.decode()
    assert memo.sections.get(heading="Bro-modellen").body == ""
    assert client.post(fill_url(memo, "Bro-modellen")).status_code == 302  # no version at all: refused too
    assert memo.sections.get(heading="Bro-modellen").body == ""


def test_an_edit_form_opened_before_the_fill_cannot_empty_it_again(
    client, secretary, official, memo, bro_submitted
):
    from conftest import form_data

    followups.approve(follow_up=bro_submitted, by=official)
    edit_url = reverse("reports:memo_edit", args=[memo.pk])
    client.force_login(official)
    stale = form_data(client.get(edit_url))
    client.force_login(secretary)
    client.post(fill_url(memo, "Bro-modellen"), {"seen_version": memo.version})
    client.force_login(official)
    assert client.post(edit_url, stale).status_code == 409
    assert memo.sections.get(heading="Bro-modellen").body.startswith("Verksamheten har varit")


def test_only_memo_writers_fill(client, coordinator, partner_user, memo):
    url = fill_url(memo, "Bro-modellen")
    for user in (coordinator, partner_user):
        client.force_login(user)
        assert client.post(url, {"seen_version": memo.version}).status_code == 403
    assert memo.sections.get(heading="Bro-modellen").body == ""


def test_another_memos_section_is_404(client, secretary, memo, demo):
    client.force_login(secretary)
    other = demo["decision_memo"].sections.first()
    url = reverse("reports:memo_section_fill", args=[memo.pk, other.pk])
    assert client.post(url, {"seen_version": memo.version}).status_code == 404


def test_a_decision_memo_has_no_summaries(demo):
    assert drafting.summary_gaps(demo["decision_memo"]) == []
