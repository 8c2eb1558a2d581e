"""No lost updates: of two saves from the same opened form, the second answers 409 with a link
to reload and the first is kept, on every edit form (issue 8, item 4). One mechanism for all:
core/concurrency.py (a version on the row, `claim_version` under a row lock)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from django.urls import reverse

from accounts.models import PartnerMembership
from conftest import form_data
from participants.models import Participant, Placement
from participants.tests.factories import ParticipantFactory, PlacementFactory
from reports.models import FollowUp, Memo


@dataclass(frozen=True)
class Edit:
    role: str
    url: str
    field: str  # the posted field both editors change
    read: object  # () -> the value stored for it


def _edits(seed, users) -> dict[str, Edit]:
    hoppfull, ikf = seed["hoppfull"], seed["ikf2023"]
    partner = hoppfull.parties.get().partner
    participant = ParticipantFactory()
    placement = PlacementFactory(agreement=ikf, start=date(2023, 2, 1))
    follow_up = FollowUp.objects.create(agreement=ikf, year=2023, summary="Första texten.")
    memo = Memo.objects.create(
        title="Uppföljning", date=date(2022, 3, 30), committee=ikf.committee, administration="IAF"
    )
    section = memo.sections.create(order=1, heading="Inledning", body="Text.")
    from contracting import services as contracting_services
    from contracting.models import DocumentVersion

    contracting_services.start_document(agreement=hoppfull, by=users["official"])
    return {
        "partner": Edit(
            "official",
            reverse("partnerships:partner_edit", args=[partner.pk]),
            "city",
            lambda: type(partner).objects.get(pk=partner.pk).city,
        ),
        "participant": Edit(
            "coordinator",
            reverse("participants:edit", args=[participant.pk]),
            "district",
            lambda: Participant.objects.get(pk=participant.pk).district,
        ),
        "placement": Edit(
            "coordinator",
            reverse("participants:placement_end", args=[placement.pk]),
            "actual_end",
            lambda: str(Placement.objects.get(pk=placement.pk).actual_end),
        ),
        "placement change": Edit(
            "coordinator",
            reverse("participants:placement_edit", args=[placement.pk]),
            "goals",
            lambda: Placement.objects.get(pk=placement.pk).goals,
        ),
        "follow-up": Edit(
            "official",
            reverse("reports:followup_edit", args=[follow_up.pk]),
            "summary",
            lambda: FollowUp.objects.get(pk=follow_up.pk).summary,
        ),
        "follow-up in the portal": Edit(
            "partner",
            reverse("portal:followup_edit", args=[ikf.pk, 2023]),
            "summary",
            lambda: FollowUp.objects.get(pk=follow_up.pk).summary,
        ),
        "memo section": Edit(
            "official",
            reverse("reports:memo_section_edit", args=[memo.pk, section.pk]),
            "body",
            lambda: memo.sections.get().body,
        ),
        "criteria": Edit(
            "official",
            reverse("partnerships:agreement_edit", args=[hoppfull.pk]),
            "criteria-justification_1",
            lambda: hoppfull.criteria.get(criterion=1).justification,
        ),
        "agreement document": Edit(
            "official",
            reverse("contracting:document_edit", args=[hoppfull.pk]),
            "body_0",
            lambda: (
                DocumentVersion.objects.filter(document__agreement=hoppfull)
                .latest("number")
                .clauses[0]["body"]
            ),
        ),
    }


VALUES = {"actual_end": ("2023-05-31", "2023-06-30")}


@pytest.fixture
def users(official, coordinator, partner_user, seed):
    PartnerMembership.objects.create(user=partner_user, partner=seed["ikf2023"].parties.get().partner)
    return {"official": official, "coordinator": coordinator, "partner": partner_user}


@pytest.mark.parametrize(
    "form",
    [
        "partner",
        "participant",
        "placement",
        "placement change",
        "follow-up",
        "follow-up in the portal",
        "memo section",
        "criteria",
        "agreement document",
    ],
)
def test_the_second_of_two_saves_from_one_opened_form_answers_409_and_the_first_is_kept(
    client, seed, users, form
):
    edit = _edits(seed, users)[form]
    client.force_login(users[edit.role])
    opened = form_data(client.get(edit.url))
    if edit.field == "actual_end":
        opened.update({"status": "ended", "end_reason": "work"})
    first, second = VALUES.get(edit.field, ("Först sparat", "Sparat sedan"))

    assert client.post(edit.url, {**opened, edit.field: first}).status_code == 302
    stale = client.post(edit.url, {**opened, edit.field: second})

    assert stale.status_code == 409
    page = stale.content.decode()
    assert "Någon annan har sparat" in page and f'href="{edit.url}"' in page  # the reload link
    assert edit.read() == first


def test_a_partners_stale_save_cannot_overwrite_an_officials_correction(client, seed, users):
    ikf = seed["ikf2023"]
    follow_up = FollowUp.objects.create(agreement=ikf, year=2023, summary="Partnerns text.")
    portal_url = reverse("portal:followup_edit", args=[ikf.pk, 2023])
    client.force_login(users["partner"])
    partners_form = form_data(client.get(portal_url))

    client.force_login(users["official"])
    official_url = reverse("reports:followup_edit", args=[follow_up.pk])
    corrected = {**form_data(client.get(official_url)), "summary": "Rättad av handläggaren."}
    assert client.post(official_url, corrected).status_code == 302

    client.force_login(users["partner"])
    response = client.post(portal_url, {**partners_form, "summary": "Partnerns gamla text.", "save": ""})
    assert response.status_code == 409
    follow_up.refresh_from_db()
    assert follow_up.summary == "Rättad av handläggaren."


def test_a_status_step_makes_an_open_edit_form_stale(client, seed, users):
    """Sent back and edited again: a form opened before the step does not overwrite."""
    ikf = seed["ikf2023"]
    follow_up = FollowUp.objects.create(agreement=ikf, year=2023, summary="Text.")
    url = reverse("reports:followup_edit", args=[follow_up.pk])
    client.force_login(users["official"])
    opened = form_data(client.get(url))
    client.post(reverse("reports:followup_submit", args=[follow_up.pk]))
    FollowUp.objects.filter(pk=follow_up.pk).update(status="draft", submitted_at=None)
    assert client.post(url, {**opened, "summary": "Gammal"}).status_code == 409
