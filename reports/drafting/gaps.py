"""A follow-up memo's summaries after drafting: which agreement sections still lack their
follow-up, and filling one in from a follow-up approved since."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.concurrency import claim_version

from ..models import FollowUp, Memo, MemoSection
from ..tasks import prepare_after_commit
from .followup import followup_summary, with_decided_successors


@dataclass(frozen=True)
class SummaryGap:
    """An agreement's section of a follow-up memo that does not hold the agreement's follow-up.

    `follow_up` is the approved follow-up if there is one now: the section was drafted before it
    was approved, and `fill_summary` can fill it in. Without one the memo has no summary for
    that agreement yet."""

    section: MemoSection
    follow_up: FollowUp | None

    @property
    def can_fill(self) -> bool:
        return self.follow_up is not None


def lacks_follow_up(section: MemoSection, report_year: int) -> bool:
    """The section's text is empty, or still only what drafting writes when there is no approved
    follow-up (an agreement that ran out keeps its closing sentences). Text someone wrote is
    never taken for a gap."""
    body = section.body.strip()
    return not body or body == followup_summary(section.agreement, report_year, None).strip()


def summary_gaps(memo: Memo) -> list[SummaryGap]:
    """The agreement sections of a follow-up memo without their follow-up, in the memo's order.

    The memo's text was copied from the approved follow-ups when it was drafted, so what counts is
    the text, not whether a follow-up has been approved since (constant queries)."""
    if memo.kind != Memo.Kind.FOLLOW_UP or not memo.report_year:
        return []
    sections = list(memo.sections.filter(agreement__isnull=False).select_related("agreement"))
    with_decided_successors(section.agreement for section in sections)
    approved = {
        follow_up.agreement_id: follow_up
        for follow_up in FollowUp.objects.approved().filter(
            year=memo.report_year, agreement_id__in=[section.agreement_id for section in sections]
        )
    }
    return [
        SummaryGap(section, approved.get(section.agreement_id))
        for section in sections
        if lacks_follow_up(section, memo.report_year)
    ]


@transaction.atomic
def fill_summary(*, memo: Memo, section: MemoSection, seen_version: int | None) -> MemoSection:
    """Fill an agreement's section from the follow-up approved since the memo was drafted, with
    the text drafting gives it (`followup_summary`).

    Only over the memo version the user saw (`core.concurrency`: EditConflict
    otherwise), and only a section that still lacks its follow-up: text someone wrote in the
    meantime is never replaced. The memo's version moves on, so an edit form opened before the
    fill cannot save the empty section back over it."""
    version = claim_version(Memo, memo.pk, seen_version)
    gap = next((gap for gap in summary_gaps(memo) if gap.section.pk == section.pk), None)
    if gap is None:
        raise ValidationError(_("This section already has its text."))
    if not gap.can_fill:
        raise ValidationError(
            _("The agreement has no approved follow-up for %(year)s yet.") % {"year": memo.report_year}
        )
    section = gap.section
    section.body = followup_summary(section.agreement, memo.report_year, gap.follow_up)
    section.save()
    Memo.objects.filter(pk=memo.pk).update(version=version, updated_at=timezone.now())
    memo.version = version
    prepare_after_commit(memo.pk)
    return section
