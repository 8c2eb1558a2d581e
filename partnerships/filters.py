"""Filters of the agreement overview."""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from .models import Agreement, Committee, Goal


def visible_committees(request) -> QuerySet[Committee]:
    """The committee choices: those the user sees (issue 13); every one without a request."""
    if request is None:
        return Committee.objects.all()
    return request.access.visible_committees()


def visible_goals(request) -> QuerySet[Goal]:
    """The goal choices: the council's and those of the committees the user sees (issue 24)."""
    goals = Goal.objects.select_related("committee").order_by(
        "area__order", "committee__name", "order", "name"
    )
    return goals if request is None else goals.for_access(request.access)


class AgreementFilter(django_filters.FilterSet):
    committee = django_filters.ModelChoiceFilter(
        queryset=visible_committees, label=_("Committee"), empty_label=_("All committees")
    )
    status = django_filters.ChoiceFilter(
        field_name="current_status",
        choices=Agreement.Status.choices,
        label=_("Status"),
        empty_label=_("All statuses"),
    )

    goal = django_filters.ModelChoiceFilter(
        queryset=visible_goals, field_name="goal_links__goal", label=_("Goal"), empty_label=_("All goals")
    )

    class Meta:
        model = Agreement
        fields = ["committee", "status", "goal"]
