"""Linking an agreement to the council's and its committee's goals (issue 24; the models are in
partnerships/models/goals.py).

The links are written one row at a time (never `agreement.goals.set()`, whose bulk insert
writes no history): each link's history row moves the data version, so a cached overview
filtered by goal follows the change at once (core/dataversion.py)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import Agreement, AgreementGoal, Goal

if TYPE_CHECKING:
    from accounts.access import Access


class GoalChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, goal: Goal) -> str:
        owner = goal.committee.abbreviation if goal.committee_id else gettext("council")
        return f"{goal.area.name}: {goal.name} ({owner})"


class GoalsForm(forms.Form):
    """The goals the agreement serves: the council's and those of the committees the user sees."""

    goals = GoalChoiceField(
        Goal.objects.none(),
        label=_("Municipal goals"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The memo's “Municipal goals” section is written from these."),
    )

    def __init__(self, *args, agreement: Agreement, access: Access | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        goals = Goal.objects.select_related("area", "committee").order_by(
            "area__order", "committee__name", "order", "name"
        )
        self.fields["goals"].queryset = goals.for_access(access) if access is not None else goals
        if agreement.pk:
            self.initial["goals"] = list(agreement.goals.values_list("pk", flat=True))

    def check_committee(self, committee) -> bool:
        """A committee's goal can only be linked to that committee's agreements."""
        if committee is None or not self.is_valid():
            return self.is_valid()
        foreign = [
            goal for goal in self.cleaned_data["goals"] if goal.committee_id not in (None, committee.pk)
        ]
        if foreign:
            self.add_error(
                "goals",
                gettext("“%(goal)s” is a goal of another committee.") % {"goal": foreign[0].name},
            )
            return False
        return True


def link_goals(agreement: Agreement, goals: Iterable[Goal]) -> None:
    """Make the agreement's goal links exactly `goals`, a row (and a history row) at a time."""
    wanted = {goal.pk for goal in goals}
    for link in agreement.goal_links.exclude(goal__in=wanted):
        link.delete()
    have = set(agreement.goal_links.values_list("goal_id", flat=True))
    for goal_id in sorted(wanted - have):
        AgreementGoal.objects.create(agreement=agreement, goal_id=goal_id)
