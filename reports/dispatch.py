"""Recording the committee's decision on a memo, and sending it to the memo's recipients (issue 23).

`record_decision` stores the decision and, on a memo that proposes an agreement, makes the
agreement decided through partnerships' own `decide` (its rule: every criterion assessed) in the
same transaction, so a refused agreement leaves no decision behind. `set_recipients` keeps the
memo's list as chosen; a recipient already sent to stays, whatever the list says. `send` records
one recipient's dispatch: by e-mail through core.outbox (a failure is kept and can be tried again),
or by post or internal mail as the user records it.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import outbox
from core.concurrency import save_versioned
from partnerships.decision import decide

from .drafting.base import RecipientDraft
from .models import CommitteeDecision, Memo, MemoRecipient
from .tasks import prepare_after_commit


def proposes_agreement(memo: Memo) -> bool:
    """A decision memo on an agreement: its decision decides the agreement."""
    return memo.kind == Memo.Kind.NEW_AGREEMENT and memo.agreement_id is not None


def record_decision(*, form, memo: Memo, by) -> CommitteeDecision | None:
    """Save the decision form (new or edited, over the version it was opened with) and let the
    agreement follow. Raises EditConflict or partnerships.decision.DecisionRefused; None when a
    concurrent request recorded the memo's decision first (the form then says so)."""
    decision = form.instance
    decision.memo = memo
    decision.recorded_by = by

    def save() -> CommitteeDecision:
        saved = form.save()
        if proposes_agreement(memo):
            decide(agreement=memo.agreement, on=saved.meeting_date)
        return saved

    return save_versioned(form, save)


@transaction.atomic
def set_recipients(*, memo: Memo, chosen: Iterable[RecipientDraft]) -> list[MemoRecipient]:
    """The memo's recipients become `chosen`, in that order; one already sent to is kept (after
    the chosen ones if it is no longer chosen). A recipient's e-mail address follows the choice
    until the decision is sent to it."""
    Memo.objects.select_for_update().filter(pk=memo.pk).exists()  # one change of the list at a time
    existing = {recipient.name: recipient for recipient in memo.recipients.all()}
    kept: list[MemoRecipient] = []
    for order, draft in enumerate(dict.fromkeys(chosen), start=1):
        recipient = existing.pop(draft.name, None)
        if recipient is None:
            recipient = MemoRecipient(memo=memo, name=draft.name)
        recipient.order = order
        if not recipient.is_sent and recipient.method != MemoRecipient.Method.EMAIL:
            recipient.email = draft.email
        recipient.save()
        kept.append(recipient)
    for recipient in existing.values():
        if recipient.is_sent or recipient.method:
            recipient.order = len(kept) + 1
            recipient.save()
            kept.append(recipient)
        else:
            recipient.delete()
    prepare_after_commit(memo.pk)  # the PDF prints the list
    return kept


class SendRefused(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def send_refusal(recipient: MemoRecipient, method: str) -> str | None:
    memo = recipient.memo
    if not hasattr(memo, "decision"):
        return _("Record the committee's decision before it is sent.")
    if recipient.is_sent:
        return _("The decision has already been sent to %(name)s.") % {"name": recipient.name}
    if method not in MemoRecipient.Method.values:
        return _("Choose how the decision was sent.")
    if method == MemoRecipient.Method.EMAIL and not recipient.email:
        return _("%(name)s has no e-mail address: send it by post or internal mail.") % {
            "name": recipient.name
        }
    return None


def decision_email(recipient: MemoRecipient) -> EmailMessage:
    """The decision as an e-mail: the paragraph and text, with the memo's last exported PDF."""
    memo, decision = recipient.memo, recipient.memo.decision
    lines = [
        _("%(committee)s decided on %(date)s, § %(paragraph)s:")
        % {
            "committee": memo.committee.name,
            "date": f"{decision.meeting_date:%Y-%m-%d}",
            "paragraph": decision.paragraph,
        },
        "",
        decision.text,
    ]
    if decision.delegated_signatory:
        lines += [
            "",
            _("Signs under delegation: %(signatory)s") % {"signatory": decision.delegated_signatory},
        ]
    if memo.case_number:
        lines += ["", _("Case number (Dnr): %(dnr)s") % {"dnr": memo.case_number}]
    message = EmailMessage(
        subject=_("Decision: %(title)s") % {"title": memo.title},
        body="\n".join(lines),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[recipient.email],
    )
    version = memo.latest_version
    if version is not None:
        message.attach(version.filename, bytes(version.pdf), "application/pdf")
    return message


def send(*, recipient: MemoRecipient, method: str, by) -> MemoRecipient:
    """Send the decision to one recipient, or record that it was sent by post or internal mail.
    Raises SendRefused. By e-mail, `sent_at` is set once the mail server took it; a failure
    stays on the row (`error`) and the same button tries again."""
    refusal = send_refusal(recipient, method)
    if refusal:
        raise SendRefused(refusal)
    if method != MemoRecipient.Method.EMAIL:
        recipient.method, recipient.sent_at, recipient.sent_by = method, timezone.now(), by
        recipient.save()
        return recipient
    recipient.method, recipient.sent_by = method, by
    recipient.save()
    outbox.attempt(recipient, lambda: decision_email(recipient).send())
    if recipient.emailed_at is not None:
        recipient.sent_at = recipient.emailed_at
        recipient.save()  # a history record: the data version moves with the dispatch
    return recipient
