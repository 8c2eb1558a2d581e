"""What happens to an initiative (issue 23): submitted, completed through its private link,
assessed criterion by criterion, and decided: proceed (a draft agreement, partnerships/drafts.py)
or decline (with the reason the organisation is told). Each write is one keyword-only function."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core import outbox
from core.documents import save_with_documents
from partnerships import drafts
from partnerships.guidelines import guideline_for_new
from partnerships.uploads import sha256_of

from .models import Initiative, InitiativeAttachment, InitiativeCriterion, Mail, Message

log = logging.getLogger(__name__)
LINK_SALT = "initiatives.link"


class Refused(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def follow_path(initiative: Initiative) -> str:
    """The path of the organisation's private page: its random token, signed (a changed link is
    refused before the database is asked)."""
    return reverse("initiatives:follow", args=[signing.dumps(initiative.token, salt=LINK_SALT)])


def link(initiative: Initiative) -> str:
    """The private link as the e-mails give it."""
    return settings.SITE_URL.rstrip("/") + follow_path(initiative)


def find(signed: str) -> Initiative | None:
    try:
        token = signing.loads(signed, salt=LINK_SALT)
    except signing.BadSignature:
        return None
    return Initiative.objects.filter(token=token).select_related("committee", "guideline").first()


def submit(
    *, form, views: dict[int, str], attachments: dict[str, object], by=None, partner=None
) -> Initiative:
    """Store a checked intake form (IntakeForm), the organisation's view of each criterion and its
    attachments, and mail the receipt with the private link. The attachments are stored after the
    initiative's row, each with its own row (core.documents: both or neither)."""
    with transaction.atomic():
        initiative = form.save(commit=False)
        initiative.guideline = guideline_for_new(initiative.committee)
        initiative.submitted_by = by if getattr(by, "is_authenticated", False) else None
        if partner is not None:
            initiative.partner = partner
        initiative.save()
        InitiativeCriterion.objects.bulk_create(
            InitiativeCriterion(
                initiative=initiative, number=c.number, organisation_view=views.get(c.number, "")
            )
            for c in initiative.guideline.criteria.all()
        )
    for kind, upload in attachments.items():
        if upload:
            save_with_documents(
                InitiativeAttachment(
                    initiative=initiative,
                    kind=kind,
                    file=upload,
                    original_name=upload.name[-255:],
                    content_type=upload.checked_content_type,
                    size=upload.size,
                    sha256=sha256_of(upload),
                )
            )
    mail(initiative=initiative, kind=Mail.Kind.RECEIPT)
    return initiative


def mail(*, initiative: Initiative, kind: str, text: str = "") -> Mail:
    """E-mail the contact person (core.outbox: tried once now, kept when it fails and tried again
    by the daily job, `retry_unsent`)."""
    context = {"initiative": initiative, "link": link(initiative), "text": text}
    with translation.override("sv"):
        subject = {
            Mail.Kind.RECEIPT: _("Your initiative has been received: %(title)s"),
            Mail.Kind.QUESTION: _("A question about your initiative: %(title)s"),
            Mail.Kind.DECISION: _("Decision on your initiative: %(title)s"),
        }[kind] % {"title": initiative.title}
        body = render_to_string(f"initiatives/email/{kind}.txt", context)
    row = Mail.objects.create(initiative=initiative, kind=kind, subject=subject, body=body)
    _attempt(row)
    return row


def _attempt(row: Mail) -> bool:
    def send() -> None:
        send_mail(row.subject, row.body, None, [row.initiative.contact_email])

    return outbox.attempt(row, send)


def retry_unsent() -> list[Mail]:
    """Try again each e-mail to an organisation that failed before and has tries left (the daily
    job, notifications.reminders.run_job); the ones tried. None after gallring removed the address."""
    retry = Mail.objects.to_retry().exclude(initiative__contact_email="").select_related("initiative")
    return [row for row in retry.order_by("pk") if _attempt(row)]


def _open(initiative: Initiative) -> Initiative:
    locked = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if not locked.is_open:
        raise Refused(_("The initiative has already been decided."))
    return locked


def ask(*, initiative: Initiative, text: str, by) -> Message:
    """The officials ask for completion; the organisation is told by e-mail and answers through its link."""
    with transaction.atomic():
        locked = _open(initiative)
        message = Message.objects.create(
            initiative=locked, author=Message.Author.MUNICIPALITY, written_by=by, text=text
        )
        locked.status = Initiative.Status.COMPLETION
        locked.save(update_fields=["status"])
    mail(initiative=locked, kind=Mail.Kind.QUESTION, text=text)
    return message


def answer(*, initiative: Initiative, text: str) -> Message:
    """The organisation's answer through its link; back to the officials as submitted."""
    with transaction.atomic():
        locked = _open(initiative)
        message = Message.objects.create(initiative=locked, author=Message.Author.ORGANISATION, text=text)
        locked.status = Initiative.Status.SUBMITTED
        locked.save(update_fields=["status"])
    return message


@transaction.atomic
def assess(*, initiative: Initiative, answers: list[tuple[int, bool | None, str]], dnr: str, by) -> None:
    """Record each criterion's assessment (met or not, and why) and the case number."""
    locked = _open(initiative)
    by_number = {number: (met, justification) for number, met, justification in answers}
    for criterion in locked.criteria.all():
        if criterion.number in by_number:
            criterion.met, criterion.justification = by_number[criterion.number]
            criterion.assessed_by = by
            criterion.save()  # one by one: each save writes its history row (core/dataversion.py)
    if locked.dnr != dnr:
        locked.dnr = dnr
        locked.save(update_fields=["dnr"])


def proceed_refusal(initiative: Initiative) -> str | None:
    """Why the initiative cannot proceed yet: every criterion must be assessed."""
    missing = [c.number for c in initiative.criteria.all() if c.met is None]
    if missing:
        return _("Assess every criterion before proceeding (missing: %(numbers)s).") % {
            "numbers": ", ".join(map(str, missing))
        }
    return None


def proceed(*, initiative: Initiative, by):
    """Make the draft agreement from the initiative (partner found by organisation number or
    created; parties, amounts, period, the criteria as assessed) and keep the link both ways."""
    with transaction.atomic():
        locked = _open(initiative)
        refusal = proceed_refusal(locked)
        if refusal:
            raise Refused(refusal)
        partner = locked.partner or drafts.partner_for(
            organisation_number=locked.organisation_number,
            name=locked.organisation_name,
        )
        agreement = drafts.create_draft(
            committee=locked.committee,
            name=locked.title,
            purpose=locked.activities,
            target_group=locked.target_group,
            valid_from=locked.period_from,
            valid_to=locked.period_to,
            partner=partner,
            partner_contribution=locked.own_contribution_per_year,
            committee_cost=locked.requested_per_year,
            answers=[(c.number, c.met, c.justification) for c in locked.criteria.all()],
            responsible=by,
        )
        if locked.dnr:
            agreement.case_number = locked.dnr
            agreement.save(update_fields=["case_number"])
        locked.partner, locked.agreement = partner, agreement
        locked.status, locked.decided_at, locked.decided_by = Initiative.Status.PROCEEDED, timezone.now(), by
        locked.save()
    mail(initiative=locked, kind=Mail.Kind.DECISION)
    return agreement


def decline(*, initiative: Initiative, reason: str, by) -> Initiative:
    """Decline with the reason the organisation is told (by e-mail and on its link)."""
    if not reason.strip():
        raise Refused(_("Give the reason the organisation is told."))
    with transaction.atomic():
        locked = _open(initiative)
        locked.status, locked.decision_reason = Initiative.Status.DECLINED, reason.strip()
        locked.decided_at, locked.decided_by = timezone.now(), by
        locked.save()
    mail(initiative=locked, kind=Mail.Kind.DECISION)
    return locked
