"""Assessment (issue 23): the officials' start page, completion through the private link, the
criteria, proceed (a draft agreement from the initiative) or decline (with the reason mailed);
another committee's officials see none of it; every view of the contact person is logged."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from initiatives import services
from initiatives.models import AccessLogEntry, Initiative, Message
from initiatives.tests.factories import make_initiative
from participants.tests.factories import CommitteeFactory
from partnerships.models import Agreement, AgreementParty, Partner

pytestmark = pytest.mark.django_db


@pytest.fixture
def committee():
    return CommitteeFactory()  # the first committee: the officials' own (conftest)


@pytest.fixture
def initiative(committee):
    return make_initiative(committee)


def assess_all(client, initiative, *, unmet=()):
    data = {"dnr": "AN 2026-123"}
    for criterion in initiative.criteria.all():
        met = criterion.number not in unmet
        data[f"met_{criterion.number}"] = "yes" if met else "no"
        data[f"justification_{criterion.number}"] = f"Bedömning {criterion.number}."
    return client.post(reverse("initiatives:assess", args=[initiative.pk]), data)


def test_new_initiatives_are_on_the_officials_start_page(client, official, initiative):
    client.force_login(official)
    page = client.get("/").content.decode()
    assert "Initiativ att bedöma" in page and initiative.get_absolute_url() in page


def test_another_committees_official_sees_nothing(client, official, committee):
    other = CommitteeFactory(name="Socialnämnden (fiktiv)", abbreviation="SN", administration="SF")
    theirs = make_initiative(other, title="Föräldracafé i Skäggetorp")
    client.force_login(official)
    assert client.get(theirs.get_absolute_url()).status_code == 404
    assert client.post(reverse("initiatives:proceed", args=[theirs.pk])).status_code == 404
    assert "Föräldracafé" not in client.get("/").content.decode()
    assert "Föräldracafé" not in client.get(reverse("initiatives:list")).content.decode()
    assert "Föräldracafé" not in client.get(reverse("exports:initiatives") + "?format=csv").content.decode()
    assert not AccessLogEntry.objects.exists()


def test_the_detail_page_logs_the_view_of_the_contact_person(client, official, initiative):
    client.force_login(official)
    page = client.get(initiative.get_absolute_url()).content.decode()
    assert "Sara Exempelsson" in page and "200 000 kr".replace(" ", "\xa0") in page
    entry = AccessLogEntry.objects.get()
    assert (entry.user, entry.initiative, entry.action, entry.url_name) == (
        official,
        initiative,
        "view",
        "initiatives:detail",
    )


def test_completion_question_and_answer_through_the_link(client, official, initiative, mailoutbox):
    client.force_login(official)
    client.post(reverse("initiatives:ask", args=[initiative.pk]), {"text": "Hur många deltagare?"})
    initiative.refresh_from_db()
    assert initiative.status == Initiative.Status.COMPLETION
    assert "Hur många deltagare?" in mailoutbox[-1].body and services.link(initiative) in mailoutbox[-1].body
    client.logout()
    path = services.follow_path(initiative)
    assert "Hur många deltagare?" in client.get(path).content.decode()
    assert client.post(path, {"text": "Tjugo åt gången."}).status_code == 302
    initiative.refresh_from_db()
    assert initiative.status == Initiative.Status.SUBMITTED
    assert [(m.author, m.text) for m in initiative.messages.all()] == [
        (Message.Author.MUNICIPALITY, "Hur många deltagare?"),
        (Message.Author.ORGANISATION, "Tjugo åt gången."),
    ]
    # no question open: nothing more to answer
    assert client.post(path, {"text": "Mer."}).status_code == 404


def test_proceed_needs_every_criterion_assessed(client, official, initiative):
    client.force_login(official)
    response = client.post(reverse("initiatives:proceed", args=[initiative.pk]))
    assert response.status_code == 302 and not Agreement.objects.exists()
    assert Initiative.objects.get().status == Initiative.Status.SUBMITTED


def test_an_assessment_needs_its_justification(client, official, initiative):
    client.force_login(official)
    response = client.post(reverse("initiatives:assess", args=[initiative.pk]), {"dnr": "", "met_1": "yes"})
    assert response.status_code == 200 and "justification_1" in response.context["form"].errors


def test_proceed_makes_the_draft_agreement_from_the_initiative(client, official, initiative, mailoutbox):
    client.force_login(official)
    assess_all(client, initiative, unmet=(5,))
    response = client.post(reverse("initiatives:proceed", args=[initiative.pk]))
    agreement = Agreement.objects.get()
    assert response.status_code == 302 and response.url == agreement.get_absolute_url()
    assert (agreement.stage, agreement.name, agreement.committee) == (
        Agreement.Stage.DRAFT,
        "Språkcafé i Ryd",
        initiative.committee,
    )
    assert (agreement.valid_from, agreement.valid_to, agreement.price_level_year) == (
        date(2027, 1, 1),
        date(2028, 12, 31),
        2027,
    )
    # 120 000 premises + 80 000 volunteers from the organisation, 150 000 asked of the committee
    assert (agreement.value_per_year, agreement.committee_cost_per_year) == (
        Decimal(350_000),
        Decimal(150_000),
    )
    party = agreement.parties.get()
    assert (party.role, party.in_kind_contribution) == (AgreementParty.Role.LEAD, Decimal(200_000))
    assert (party.partner.name, party.partner.organisation_number) == ("Föreningen Rydsgården", "802500-0004")
    assert agreement.case_number == "AN 2026-123"
    answers = {c.criterion: (c.fulfilled, c.justification) for c in agreement.criteria.all()}
    assert (
        len(answers) == 8 and answers[5] == (False, "Bedömning 5.") and answers[1] == (True, "Bedömning 1.")
    )
    initiative.refresh_from_db()
    assert (initiative.status, initiative.agreement, initiative.partner) == (
        Initiative.Status.PROCEEDED,
        agreement,
        party.partner,
    )
    assert agreement.initiative == initiative
    assert "går vidare" in mailoutbox[-1].body
    # decided: no more assessing
    assert client.post(reverse("initiatives:proceed", args=[initiative.pk])).status_code == 403


def test_proceed_finds_the_partner_by_organisation_number(client, official, initiative):
    known = Partner.objects.create(name="Rydsgårdens förening", organisation_number="8025000004")
    client.force_login(official)
    assess_all(client, initiative)
    client.post(reverse("initiatives:proceed", args=[initiative.pk]))
    assert Agreement.objects.get().parties.get().partner == known
    assert Partner.objects.count() == 1


def test_decline_tells_the_organisation_why(client, official, initiative, mailoutbox):
    client.force_login(official)
    client.post(reverse("initiatives:decline", args=[initiative.pk]), {"reason": ""})
    assert Initiative.objects.get().status == Initiative.Status.SUBMITTED  # no reason, no decline
    client.post(reverse("initiatives:decline", args=[initiative.pk]), {"reason": "Det finns en marknad."})
    initiative.refresh_from_db()
    assert (initiative.status, initiative.decision_reason) == (
        Initiative.Status.DECLINED,
        "Det finns en marknad.",
    )
    assert "Det finns en marknad." in mailoutbox[-1].body
    client.logout()
    page = client.get(services.follow_path(initiative)).content.decode()
    assert "avslaget" in page.lower() and "Det finns en marknad." in page


def test_the_database_refuses_a_declined_initiative_without_a_reason(initiative):
    from django.db import IntegrityError, transaction

    initiative.status = Initiative.Status.DECLINED
    with pytest.raises(IntegrityError), transaction.atomic():
        initiative.save()


def test_a_failed_e_mail_to_the_organisation_is_sent_by_the_daily_job(
    initiative, official, settings, mailoutbox
):
    from notifications.reminders import run_job

    working = settings.MAILERS
    settings.MAILERS = {"default": {"BACKEND": "notifications.tests.failing_backend.FailingBackend"}}
    services.ask(initiative=initiative, text="Hur många deltagare?", by=official)
    row = initiative.mails.get()
    assert (row.emailed_at, row.attempts) == (None, 1) and "ConnectionRefusedError" in row.error
    settings.MAILERS = working
    run = run_job()
    row.refresh_from_db()
    assert row.emailed_at is not None and run.mail.sent >= 1
    assert mailoutbox[-1].subject == "En fråga om ert initiativ: Språkcafé i Ryd"
    assert "Hur många deltagare?" in mailoutbox[-1].body
    run_job()
    assert len(mailoutbox) == 1  # once sent, never again


def test_the_agreement_and_its_initiative_link_to_each_other(client, official, coordinator, initiative):
    """Issue 23: the draft agreement's page links back to the initiative it was made from, and the
    initiative's page to the agreement; a coordinator (who may not see initiatives) gets no link."""
    client.force_login(official)
    assess_all(client, initiative)
    agreement_url = client.post(reverse("initiatives:proceed", args=[initiative.pk])).url
    page = client.get(agreement_url).content.decode()
    assert f'href="{initiative.get_absolute_url()}" id="initiative-link"' in page
    page = client.get(initiative.get_absolute_url()).content.decode()
    assert f'href="{agreement_url}" id="agreement-link"' in page
    client.force_login(coordinator)
    assert 'id="initiative-link"' not in client.get(agreement_url).content.decode()


def test_an_agreement_made_without_an_initiative_has_no_link(client, official, seed):
    client.force_login(official)
    assert 'id="initiative-link"' not in client.get(seed["ikf2023"].get_absolute_url()).content.decode()
