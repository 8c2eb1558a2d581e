"""The API's filters: by committee, year and status, as the overview filters."""

from __future__ import annotations

import django_filters

from partnerships.models import Agreement, Committee
from reports.models import FollowUp


class AgreementFilter(django_filters.FilterSet):
    committee = django_filters.ModelChoiceFilter(queryset=Committee.objects.all())
    status = django_filters.ChoiceFilter(field_name="current_status", choices=Agreement.Status.choices)
    valid_in = django_filters.NumberFilter(method="filter_valid_in", label="valid in year")

    class Meta:
        model = Agreement
        fields = ["committee", "status", "stage"]

    def filter_valid_in(self, queryset, name, value):
        return queryset.valid_in(int(value))


class FollowUpFilter(django_filters.FilterSet):
    committee = django_filters.ModelChoiceFilter(
        field_name="agreement__committee", queryset=Committee.objects.all()
    )
    year = django_filters.NumberFilter(min_value=2000, max_value=2100)

    class Meta:
        model = FollowUp
        fields = ["committee", "year", "status", "agreement"]
