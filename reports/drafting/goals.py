"""The memo's "Kommunala mål" written from the goals the agreements are linked to (issue 24;
partnerships/models/goals.py).

Seed 000 (the follow-up memo) names the committee's goal and the municipality-wide one:
"Arbetsmarknadsnämndens samverkansinsatser tillsammans med civilsamhälle och idéburen sektor
bidrar till nämndens mål *Hög egenförsörjningsgrad* samt till det kommungemensamma målet *Stark
gemenskap och människor i arbete*." Seed 003 (the decision memo) names the council's goal areas
and the committee's goal. With the goals linked in the register these sentences are written
from them; an agreement (or a memo's agreements) with no goal linked keeps the drafter's fixed
sentence, the text the memos printed before the goals were data.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from partnerships.models import Agreement, Committee, Goal, GoalArea

from .. import wording


def linked_goals(agreements: Iterable[Agreement]) -> list[Goal]:
    """The distinct goals the agreements serve, in the council's area order, then the goal's."""
    ids = [agreement.pk for agreement in agreements]
    return list(
        Goal.objects.filter(agreement_links__agreement__in=ids)
        .select_related("area", "committee")
        .distinct()
        .order_by("area__order", "area__name", "order", "name")
    )


def _emphasised(goals: list[Goal]) -> str:
    return wording.join_names([f"*{goal.name}*" for goal in goals])


def followup_goals_text(committee: Committee, agreements: Iterable[Agreement], *, fallback: str) -> str:
    """The follow-up memo's sentence: the committee's goals and the council's the year's
    agreements serve; `fallback` when none is linked."""
    goals = linked_goals(agreements)
    own = [goal for goal in goals if goal.committee_id == committee.pk]
    council = [goal for goal in goals if goal.is_council_goal]
    if not own and not council:
        return fallback
    committee_genitive = wording.upper_first(wording.genitive(wording.lower_first(committee.name)))
    if own and council:
        return ngettext(
            "%(committee)s cooperation with civil society and the non-profit sector contributes to the "
            "committee's goals %(goals)s and to the municipality-wide goal %(council)s.",
            "%(committee)s cooperation with civil society and the non-profit sector contributes to the "
            "committee's goals %(goals)s and to the municipality-wide goals %(council)s.",
            len(council),
        ) % {"committee": committee_genitive, "goals": _emphasised(own), "council": _emphasised(council)}
    if own:
        return _(
            "%(committee)s cooperation with civil society and the non-profit sector contributes to the "
            "committee's goals %(goals)s."
        ) % {"committee": committee_genitive, "goals": _emphasised(own)}
    return ngettext(
        "%(committee)s cooperation with civil society and the non-profit sector contributes to the "
        "municipality-wide goal %(council)s.",
        "%(committee)s cooperation with civil society and the non-profit sector contributes to the "
        "municipality-wide goals %(council)s.",
        len(council),
    ) % {"committee": committee_genitive, "council": _emphasised(council)}


def decision_goals_text(agreement: Agreement, *, fallback: str) -> str:
    """The decision memo's sentence: the council's goal areas of the goals the agreement serves
    and its committee's own goals; `fallback` when none is linked."""
    goals = linked_goals([agreement])
    if not goals:
        return fallback
    areas: list[GoalArea] = []
    for goal in goals:
        if goal.area not in areas:
            areas.append(goal.area)
    area_text = ngettext(
        "The agreement contributes to goal fulfilment within the municipal council's overall goal area "
        "%(areas)s",
        "The agreement contributes to goal fulfilment within the municipal council's overall goal areas "
        "%(areas)s",
        len(areas),
    ) % {"areas": wording.join_names([area.name for area in areas])}
    own = [goal for goal in goals if goal.committee_id == agreement.committee_id]
    if not own:
        return f"{area_text}."
    return _("%(areas)s and contributes to %(committee)s goals %(goals)s.") % {
        "areas": area_text,
        "committee": wording.genitive(wording.lower_first(agreement.committee.name)),
        "goals": _emphasised(own),
    }
