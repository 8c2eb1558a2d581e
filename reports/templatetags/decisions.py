"""The committee's decisions on an agreement's memos, for the agreement page (issue 23)."""

from __future__ import annotations

from django import template

from ..models import CommitteeDecision

register = template.Library()


@register.simple_tag
def committee_decisions(agreement) -> list[CommitteeDecision]:
    """The decisions recorded on memos about `agreement`, oldest meeting first."""
    return list(
        CommitteeDecision.objects.filter(memo__agreement=agreement)
        .select_related("memo__committee")
        .order_by("meeting_date", "pk")
    )
