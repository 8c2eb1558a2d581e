"""The follow-up memo's section on the partnerships' own meetings (working group, steering
group: "arbetsgrupp och styrgrupp", the IKF decision memo (docs/domain.md)): each decision of the report year, one line each."""

from __future__ import annotations

from django.utils.translation import gettext as _

from meetings.models import Decision

from .base import SectionDraft


def meeting_decisions_text(agreement_ids: list[int], year: int) -> str:
    """A Markdown list per agreement of its meetings' decisions in `year`: the meeting's date and
    kind, the decision, its due date and whether it is done. Names of people are left out."""
    decisions = (
        Decision.objects.in_year(year)
        .filter(meeting__agreement_id__in=agreement_ids)
        .select_related("meeting__agreement")
        .order_by("meeting__agreement__name", "meeting__date", "pk")
    )
    blocks: dict[str, list[str]] = {}
    for decision in decisions:
        meeting = decision.meeting
        state = _("done") if decision.done else _("open")
        due = _(", due %(date)s") % {"date": f"{decision.due_on:%Y-%m-%d}"} if decision.due_on else ""
        line = f"- {meeting.date:%Y-%m-%d}, {meeting.get_kind_display()}: {' '.join(decision.text.split())} ({state}{due})"
        blocks.setdefault(meeting.agreement.name, []).append(line)
    return "\n\n".join(f"**{name}**\n\n" + "\n".join(lines) for name, lines in blocks.items())


def meeting_decisions_section(agreement_ids: list[int], year: int) -> list[SectionDraft]:
    """The section, or none when the year's meetings decided nothing (the seeds' memos have none)."""
    text = meeting_decisions_text(agreement_ids, year)
    if not text:
        return []
    return [SectionDraft(_("Decisions of the partnerships' meetings %(year)s") % {"year": year}, text)]
