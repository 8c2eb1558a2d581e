"""Filters of the agreement overview."""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from .models import Agreement, Committee


def visible_committees(request) -> QuerySet[Committee]:
    """The committee choices: those the user sees (issue 13); every one without a request."""
    if request is None:
        return Committee.objects.all()
    return request.access.visible_committees()


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

    class Meta:
        model = Agreement
        fields = ["committee", "status"]
