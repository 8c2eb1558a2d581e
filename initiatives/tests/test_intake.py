"""The intake at /initiativ/ (issue 23): no login, proof of work, rate limit, file checks, the
receipt with the private link."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from initiatives import pow
from initiatives.models import Initiative, Mail
from participants.tests.factories import CommitteeFactory
from partnerships.guidelines import KS2016_313_CRITERIA
from partnerships.tests.documents import pdf

pytestmark = pytest.mark.django_db
PDF = pdf()


@pytest.fixture(autouse=True)
def _easy_proof_of_work(settings):
    settings.INITIATIVE_POW_MAX_NUMBER = 1000


@pytest.fixture
def committee():
    return CommitteeFactory()


def solved() -> str:
    return pow.solve(pow.create())


def intake_data(**changes) -> dict:
    data = {
        "title": "Språkcafé i Ryd",
        "organisation_name": "Föreningen Rydsgården",
        "organisation_number": "8025000004",
        "contact_name": "Sara Exempelsson",
        "contact_email": "sara@example.org",
        "contact_phone": "",
        "problem": "Föräldrar övar för lite svenska.",
        "target_group": "föräldrar som läser SFI",
        "activities": "Språkcafé två kvällar i veckan.",
        "period_from": "2027-01-01",
        "period_to": "2028-12-31",
        "own_money": "",
        "own_premises": "120 000",
        "own_staff": "",
        "own_volunteers": "80000",
        "own_in_kind": "",
        "requested_per_year": "150 000 kr",
        "view_1": "Initiativet är vårt eget.",
        "view_6": "Vi står för lokaler och volontärer.",
        "proof_of_work": solved(),
    }
    return {**data, **changes}


def url(committee) -> str:
    return reverse("initiatives:intake") + f"?committee={committee.pk}"


def test_the_first_step_lists_the_committees(client, committee):
    response = client.get(reverse("initiatives:intake"))
    assert response.status_code == 200
    assert committee.name in response.content.decode()


def test_the_form_asks_the_committees_guideline_criteria(client, committee):
    page = client.get(url(committee)).content.decode()
    assert KS2016_313_CRITERIA[0] in page and "data-pow-challenge" in page
    assert "js/proof_of_work.js" in page


def test_an_initiative_is_received_with_its_contributions_views_and_attachment(client, committee, mailoutbox):
    data = intake_data(attachment_statutes=SimpleUploadedFile("stadgar.pdf", PDF, "application/pdf"))
    response = client.post(url(committee), data)
    initiative = Initiative.objects.get()
    assert response.status_code == 302 and response.url.startswith("/initiativ/f/")
    assert (initiative.committee, initiative.status) == (committee, Initiative.Status.SUBMITTED)
    assert initiative.organisation_number == "802500-0004"  # formatted as the register keeps it
    assert initiative.own_contribution_per_year == Decimal(200_000)
    assert initiative.value_per_year == Decimal(350_000)
    assert initiative.requested_per_year == Decimal(150_000)
    views = {c.number: c.organisation_view for c in initiative.criteria.all()}
    assert len(views) == 8 and views[1] == "Initiativet är vårt eget." and views[2] == ""
    attachment = initiative.attachments.get()
    assert (attachment.kind, attachment.content_type, attachment.size) == (
        "statutes",
        "application/pdf",
        len(PDF),
    )
    # the receipt, with the private link, which shows the initiative
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["sara@example.org"]
    assert Mail.objects.get().emailed_at is not None
    link = re.search(r"http://\S+/initiativ/f/\S+/", mailoutbox[0].body).group(0)
    assert link.endswith(response.url)
    page = client.get(response.url)
    assert page.status_code == 200 and "Språkcafé i Ryd" in page.content.decode()


def test_without_a_solved_proof_of_work_nothing_is_saved(client, committee, mailoutbox):
    response = client.post(url(committee), intake_data(proof_of_work=""))
    assert response.status_code == 200 and "proof_of_work" in response.context["form"].errors
    assert not Initiative.objects.exists() and mailoutbox == []


def test_a_solution_is_used_once(client, committee):
    answer = solved()
    assert client.post(url(committee), intake_data(proof_of_work=answer)).status_code == 302
    again = client.post(url(committee), intake_data(proof_of_work=answer))
    assert again.status_code == 200 and Initiative.objects.count() == 1


def test_a_forged_or_expired_solution_is_refused():
    challenge = pow.create()
    assert pow.verify(pow.solve(challenge), now=10**10) is False  # long after it expired
    forged = pow.Challenge(challenge.algorithm, challenge.challenge, 1000, challenge.salt, "0" * 64)
    assert pow.verify(pow.solve(forged)) is False
    assert pow.verify("not base64!") is False


def test_the_organisation_number_is_checked(client, committee):
    response = client.post(url(committee), intake_data(organisation_number="802500-0005"))
    assert "organisation_number" in response.context["form"].errors
    assert not Initiative.objects.exists()


def test_an_attachment_that_is_not_what_it_says_is_refused(client, committee):
    fake = SimpleUploadedFile("arsredovisning.pdf", b"MZ not a pdf", "application/pdf")
    response = client.post(url(committee), intake_data(attachment_accounts=fake))
    assert "attachment_accounts" in response.context["form"].errors
    assert not Initiative.objects.exists()


def test_the_period_must_be_ordered(client, committee):
    response = client.post(url(committee), intake_data(period_to="2026-12-31"))
    assert "period_to" in response.context["form"].errors


def test_submissions_per_address_are_limited(client, committee, settings):
    settings.INITIATIVE_LIMIT_PER_HOUR = 2
    statuses = [client.post(url(committee), intake_data()).status_code for _ in range(3)]
    assert statuses == [302, 302, 429]
    assert Initiative.objects.count() == 2


def test_a_changed_link_finds_nothing(client, committee):
    client.post(url(committee), intake_data())
    initiative = Initiative.objects.get()
    from initiatives.services import follow_path

    path = follow_path(initiative)
    assert client.get(path).status_code == 200
    assert client.get(path[:-3] + "xx/").status_code == 404
    assert client.get(reverse("initiatives:follow", args=[initiative.token])).status_code == 404  # unsigned
