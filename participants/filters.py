"""Filters of the participant list."""

from __future__ import annotations

from datetime import timedelta

import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from partnerships.models import Agreement, Level

from .models import Participant, Placement, PlacementStatus


def current_agreements(request):
    """The agreement filter's choices: agreements valid today or ended within the last year, so
    the list does not grow with every agreement ever signed (issue 10), and the one asked for
    (a link from an older agreement's page still filters by it)."""
    today = timezone.localdate()
    current = Q(valid_from__lte=today, valid_to__gte=today - timedelta(days=365))
    selected = request.GET.get("agreement", "") if request is not None else ""
    if selected.isdigit():
        current |= Q(pk=int(selected))
    agreements = Agreement.objects.all() if request is None else Agreement.objects.for_access(request.access)
    return agreements.filter(current).order_by("name", "valid_from")


class ParticipantFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Name or last four digits"), method="search")
    agreement = django_filters.ModelChoiceFilter(
        queryset=current_agreements,
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
