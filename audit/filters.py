"""Searching the access log: by user, participant, date range, page and action."""

from __future__ import annotations

import unicodedata

import django_filters
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from participants import personnummer
from participants.models import Participant
from partnerships.forms import DateInput

from .models import AccessLogEntry, Action

MAX_ID = 2**63 - 1  # the largest bigint: a longer "#id" names nobody, and must not reach the database


def logged_users(request):
    """Users who appear in the log (one query), for the user filter."""
    return get_user_model().objects.filter(pk__in=AccessLogEntry.objects.values("user")).order_by("username")


def logged_pages():
    """The pages that appear in the log (one query), as (URL name, URL name) choices."""
    names = AccessLogEntry.objects.order_by("url_name").values_list("url_name", flat=True).distinct()
    return [(name, name) for name in names]


class AccessLogFilter(django_filters.FilterSet):
    user = django_filters.ModelChoiceFilter(
        queryset=logged_users, label=capfirst(_("user")), empty_label=_("All users")
    )
    participant = django_filters.CharFilter(
        label=_("Participant: personnummer or name"), method="by_participant"
    )
    date_from = django_filters.DateFilter(
        field_name="at", lookup_expr="date__gte", label=_("From"), widget=DateInput()
    )
    date_to = django_filters.DateFilter(
        field_name="at", lookup_expr="date__lte", label=_("To"), widget=DateInput()
    )
    url_name = django_filters.ChoiceFilter(
        choices=logged_pages, label=capfirst(_("page")), empty_label=_("All pages")
    )
    action = django_filters.ChoiceFilter(
        choices=Action.choices, label=capfirst(_("action")), empty_label=_("All actions")
    )

    class Meta:
        model = AccessLogEntry
        fields = ["user", "participant", "date_from", "date_to", "url_name", "action"]

    def by_participant(self, queryset, name, value):
        """A whole personnummer or samordningsnummer (any accepted form) finds that person;
        anything else searches names, or the last four digits (`ParticipantQuerySet.search`).
        Anonymised participants have neither, so they are found by their id only (#123)."""
        text = unicodedata.normalize("NFKC", value).strip()
        if text.startswith("#"):
            number = text[1:]
            if number.isascii() and number.isdigit() and int(number) <= MAX_ID:
                return queryset.filter(participant_id=int(number))
            return queryset.none()
        try:
            digits = personnummer.parse(text)
        except ValidationError:
            return queryset.filter(participant__in=Participant.objects.search(text).values("pk"))
        return queryset.filter(participant__personnummer=digits)
