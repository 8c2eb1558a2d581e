"""Filters of the agreement overview."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from .models import Agreement, Committee


class AgreementFilter(django_filters.FilterSet):
    committee = django_filters.ModelChoiceFilter(
        queryset=Committee.objects.all(), label=_("Committee"), empty_label=_("All committees")
    )
    status = django_filters.ChoiceFilter(
        field_name="current_status",
        choices=Agreement.Status.choices,
        label=_("Status"),
        empty_label=_("All statuses"),
    )

    class Meta:
        model = Agreement
        fields = ["committee", "status"]
