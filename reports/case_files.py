"""The reports app's part of an agreement's case for the archive package (core/case_files.py,
issue 23): the memos about it (every exported PDF version as it was sent; the current PDF of a
memo never exported), the committee's decision with its dispatch, and the submitted follow-ups.

Text files are UTF-8 plain text, a format the e-archive takes as it is (the memos are PDF/A).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, time

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core.case_files import CaseFile

from . import prepared
from .models import CommitteeDecision, FollowUp, Memo


def _name(user) -> str:
    return (user.get_full_name() or user.get_username()) if user is not None else ""


def _memo_folder(memo: Memo) -> str:
    return f"tjansteskrivelser/{memo.date:%Y-%m-%d}-{memo.pk}"


def memos_about(agreement):
    """The memos proposing the agreement and those with a section about it (the follow-ups)."""
    return (
        Memo.objects.filter(Q(agreement=agreement) | Q(sections__agreement=agreement))
        .distinct()
        .select_related("committee")
        .order_by("date", "pk")
    )


def decision_text(decision: CommitteeDecision) -> str:
    """The decision as an extract of the minutes, with who it was sent to and how."""
    memo = decision.memo
    lines = [
        _("Extract from the minutes"),
        f"{memo.committee.name} {decision.meeting_date:%Y-%m-%d} § {decision.paragraph}",
        "",
        _("Matter: %(title)s") % {"title": memo.title},
    ]
    if memo.case_number:
        lines.append(_("Case number (Dnr): %(dnr)s") % {"dnr": memo.case_number})
    lines += ["", _("Decision:"), decision.text]
    if decision.delegated_signatory:
        lines += [
            "",
            _("Signs under delegation: %(signatory)s") % {"signatory": decision.delegated_signatory},
        ]
    lines += ["", _("The decision is sent to:")]
    for recipient in memo.recipients.all():
        if recipient.sent_at:
            sent = _("sent by %(method)s %(at)s") % {
                "method": recipient.get_method_display(),
                "at": f"{timezone.localtime(recipient.sent_at):%Y-%m-%d %H:%M}",
            }
        else:
            sent = _("not sent")
        lines.append(f"- {recipient.name}: {sent}")
    return "\n".join(lines) + "\n"


def followup_text(follow_up: FollowUp) -> str:
    lines = [
        _("Follow-up %(year)s: %(name)s") % {"year": follow_up.year, "name": follow_up.agreement.name},
        _("Status: %(status)s") % {"status": follow_up.get_status_display()},
        _("Enrolled participants: %(count)s")
        % {"count": "–" if follow_up.enrolled is None else follow_up.enrolled},
        _("Delivery mode: %(mode)s") % {"mode": follow_up.get_delivery_mode_display() or "–"},
        "",
        _("What happened"),
        follow_up.summary,
        "",
        _("Challenges"),
        follow_up.challenges,
        "",
        _("Results"),
        follow_up.results,
    ]
    return "\n".join(lines) + "\n"


def agreement_case_files(agreement) -> Iterator[CaseFile]:
    memos = list(memos_about(agreement))
    for memo in memos:
        folder = _memo_folder(memo)
        versions = list(memo.versions.select_related("created_by").order_by("number"))
        for version in versions:
            yield CaseFile(
                path=f"{folder}/version-{version.number}.pdf",
                content=bytes(version.pdf),
                mimetype="application/pdf",
                title=_("%(title)s, version %(number)s") % {"title": memo.title, "number": version.number},
                creator=_name(version.created_by) or memo.administration,
                created=version.created_at,
                section=_("Memos"),
            )
        if not versions:  # never exported: the memo as it stands
            yield CaseFile(
                path=f"{folder}/utkast.pdf",
                content=prepared.current_pdf(memo),
                mimetype="application/pdf",
                title=_("%(title)s (not exported)") % {"title": memo.title},
                creator=_name(memo.created_by) or memo.administration,
                created=memo.updated_at,
                section=_("Memos"),
            )
    decisions = CommitteeDecision.objects.filter(memo__in=[memo.pk for memo in memos]).select_related(
        "memo__committee"
    )
    for decision in decisions.order_by("meeting_date", "pk"):
        yield CaseFile(
            path=f"beslut/{decision.meeting_date:%Y-%m-%d}-{decision.memo_id}-protokollsutdrag.txt",
            content=decision_text(decision).encode(),
            mimetype="text/plain",
            title=_("The committee's decision %(date)s § %(paragraph)s")
            % {"date": f"{decision.meeting_date:%Y-%m-%d}", "paragraph": decision.paragraph},
            creator=decision.memo.committee.name,
            created=timezone.make_aware(datetime.combine(decision.meeting_date, time(0, 0))),
            section=_("Decision"),
        )
    lead = agreement.parties.select_related("partner").order_by("order", "pk").first()
    follow_ups = FollowUp.objects.filter(agreement=agreement).exclude(status=FollowUp.Status.DRAFT)
    for follow_up in follow_ups.select_related("agreement").order_by("year"):
        yield CaseFile(
            path=f"uppfoljningar/{follow_up.year}.txt",
            content=followup_text(follow_up).encode(),
            mimetype="text/plain",
            title=_("Follow-up %(year)s") % {"year": follow_up.year},
            creator=lead.partner.name if lead else agreement.name,
            created=follow_up.submitted_at,
            section=_("Follow-ups"),
        )
