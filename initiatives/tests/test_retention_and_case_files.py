"""Gallring of declined initiatives (README, `gallra`) and the initiative's files in an
agreement's case (core/case_files.py)."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from core.case_files import case_files
from initiatives import retention, services
from initiatives.models import Initiative, InitiativeAttachment, Message, RetentionRun
from initiatives.tests.factories import PDF, make_attachment, make_initiative
from participants.tests.factories import CommitteeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def committee():
    return CommitteeFactory()


def declined(committee, official, *, days_ago: int) -> Initiative:
    initiative = make_initiative(committee, title=f"Avslaget för {days_ago} dagar sedan")
    Message.objects.create(
        initiative=initiative, author=Message.Author.ORGANISATION, text="Ring Sara på 070-1234567."
    )
    make_attachment(initiative)
    services.decline(initiative=initiative, reason="Det finns en marknad.", by=official)
    Initiative.objects.filter(pk=initiative.pk).update(decided_at=timezone.now() - timedelta(days=days_ago))
    return initiative


def test_gallra_removes_a_declined_initiatives_personal_data_after_the_period(committee, official, settings):
    settings.INITIATIVE_RETENTION_MONTHS = 24
    old = declined(committee, official, days_ago=800)
    recent = declined(committee, official, days_ago=300)
    proceeded = make_initiative(committee, title="Gick vidare")
    Initiative.objects.filter(pk=proceeded.pk).update(
        status=Initiative.Status.PROCEEDED, decided_at=timezone.now() - timedelta(days=2000)
    )
    stored = InitiativeAttachment.objects.get(initiative=old)
    storage, name = stored.file.storage, stored.file.name
    out = StringIO()
    call_command("gallra", stdout=out)
    assert "Removed the personal data of 1 declined initiatives" in out.getvalue()
    old.refresh_from_db()
    assert (old.contact_name, old.contact_email, old.contact_phone) == ("", "", "")
    assert old.anonymised_at is not None
    assert list(old.messages.values_list("text", flat=True)) == [""]
    assert not old.attachments.exists() and not storage.exists(name)
    assert set(Initiative.history.filter(id=old.pk).values_list("contact_name", flat=True)) == {""}
    assert set(Message.history.filter(initiative_id=old.pk).values_list("text", flat=True)) == {""}
    # what stays: the organisation, the figures, the decision and its reason
    assert (old.organisation_name, old.decision_reason) == ("Föreningen Rydsgården", "Det finns en marknad.")
    recent.refresh_from_db()
    assert recent.contact_name == "Sara Exempelsson" and recent.attachments.exists()
    assert Initiative.objects.get(pk=proceeded.pk).contact_name == "Sara Exempelsson"
    assert RetentionRun.objects.get().initiative_ids == [old.pk]
    # idempotent: nothing is due again
    assert retention.run(today=timezone.localdate(), months=24).initiatives == 0


def test_the_dry_run_lists_and_changes_nothing(committee, official):
    old = declined(committee, official, days_ago=800)
    out = StringIO()
    call_command("gallra", "--dry-run", stdout=out)
    assert f"#{old.pk}" in out.getvalue()
    assert Initiative.objects.get(pk=old.pk).contact_name == "Sara Exempelsson"


@pytest.mark.parametrize(
    ("today", "months", "expected"),
    [("2029-02-28", 60, "2024-02-28"), ("2025-03-31", 1, "2025-02-28"), ("2026-12-07", 24, "2024-12-07")],
)
def test_cutoff(today, months, expected):
    from datetime import date

    assert retention.cutoff(date.fromisoformat(today), months) == date.fromisoformat(expected)


def test_the_case_holds_the_initiative_its_assessment_and_attachments(committee, official):
    initiative = make_initiative(committee, dnr="AN 2026-123")
    make_attachment(initiative)
    services.ask(initiative=initiative, text="Hur många deltagare?", by=official)
    services.answer(initiative=initiative, text="Tjugo.")
    services.assess(
        initiative=initiative,
        answers=[(n, n != 5, f"Motivering {n}.") for n in range(1, 9)],
        dnr="AN 2026-123",
        by=official,
    )
    agreement = services.proceed(initiative=initiative, by=official)
    # the initiative's files (other apps add the agreement's own to the same case)
    files = {f.path: f for f in case_files(agreement) if f.path.startswith("initiativ/")}
    assert set(files) >= {"initiativ/initiativ.txt", "initiativ/bedomning.txt"}
    summary = files["initiativ/initiativ.txt"].content.decode()
    assert "Språkcafé i Ryd" in summary and "AN 2026-123" in summary and "Tjugo." in summary
    assert "200\xa0000\xa0kr" in summary  # the organisation's contribution, 120 000 + 80 000
    assessment = files["initiativ/bedomning.txt"].content.decode()
    assert "5. det inte finns en marknad" in assessment and "inte uppfyllt: Motivering 5." in assessment
    attachment = next(f for path, f in files.items() if path.startswith("initiativ/bilagor/"))
    assert attachment.content == PDF and attachment.mimetype == "application/pdf"
    assert hashlib.sha256(attachment.content).hexdigest() == initiative.attachments.get().sha256
    assert all(f.section == "Initiativ" and f.created.tzinfo for f in files.values())


def test_an_agreement_without_an_initiative_has_no_initiative_files(committee):
    from participants.tests.factories import AgreementFactory

    assert [f for f in case_files(AgreementFactory(committee=committee)) if f.section == "Initiativ"] == []
