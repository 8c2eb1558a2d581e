"""Filters of the participant list."""

from __future__ import annotations

import django_filters
from django.db.models import Exists, OuterRef
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from partnerships.models import Agreement, Level

from .models import Participant, Placement, PlacementStatus


class ParticipantFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Name or last four digits"), method="search")
    agreement = django_filters.ModelChoiceFilter(
        queryset=Agreement.objects.order_by("name", "valid_from"),
        label=capfirst(_("agreement")),
        empty_label=_("All agreements"),
        method="by_placement",
    )
    status = django_filters.ChoiceFilter(
        choices=PlacementStatus.choices,
        label=capfirst(_("placement status")),
        empty_label=_("All statuses"),
        method="by_placement",
    )
    level = django_filters.ChoiceFilter(
        choices=Level.choices, label=capfirst(_("level")), empty_label=_("All levels")
    )

    class Meta:
        model = Participant
        fields = ["q", "agreement", "status", "level"]

    def search(self, queryset, name, value):
        return queryset.search(value)

    def by_placement(self, queryset, name, value):
        # Agreement and status are applied together in filter_queryset, to the same placement.
        return queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        agreement, status = self.form.cleaned_data.get("agreement"), self.form.cleaned_data.get("status")
        if agreement or status:
            placements = Placement.objects.filter(participant=OuterRef("pk"))
            if agreement:
                placements = placements.filter(agreement=agreement)
            if status:
                placements = placements.filter(status=status)
            queryset = queryset.filter(Exists(placements))
        return queryset
