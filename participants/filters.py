"""Filters of the participant list."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Exists, OuterRef
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from core.params import whole_number
from partnerships.models import Level

from .models import Participant, Placement, PlacementStatus


def agreement_placements(placements, value: str):
    """`placements` in the agreement the filter names: its number (a link from the agreement's
    page) or a part of its name."""
    value = value.strip()
    if value.isascii() and value.isdigit():
        number = whole_number(value)  # None: names no agreement, and must not reach the database
        return placements.none() if number is None else placements.filter(agreement_id=number)
    return placements.filter(agreement__name__icontains=value)


class ParticipantFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Name or last four digits"), method="search")
    # A text field, not a choice of agreements: a list of every current agreement grew with the
    # register (an <option> for each of 1,000 agreements, issue 10). Part of a name finds the
    # participants placed in any agreement of that name; a number (the agreement page's link)
    # the participants of that agreement.
    agreement = django_filters.CharFilter(
        label=capfirst(_("agreement")),
        method="by_placement",
        max_length=200,
        widget=forms.TextInput(attrs={"placeholder": _("Part of its name")}),
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
                placements = agreement_placements(placements, agreement)
            if status:
                placements = placements.filter(status=status)
            queryset = queryset.filter(Exists(placements))
        return queryset
