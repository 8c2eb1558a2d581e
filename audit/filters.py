"""Searching the access log: by user, participant (or another log's subject, audit/logs.py), date
range, page and action."""

from __future__ import annotations

import django_filters
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.db.models.expressions import RawSQL
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput

from . import logs
from .models import AccessLogEntry, Action
from .pages import PAGE_TITLES, admin_page_names, page_title


def logged_users(request):
    """Users who appear in the log, for the user filter, in one query: the distinct users read
    from the log's user index one step per user (a recursive "loose index scan", which
    PostgreSQL and SQLite both run), not a pass over every row of a log that grows by millions
    (issue 22: 0.4 s at a million rows). Each step finds the next user id after the last."""
    table = AccessLogEntry._meta.db_table
    distinct_users = RawSQL(
        f"WITH RECURSIVE logged(user_id) AS ("  # noqa: S608 (the table's own name, no input)
        f"SELECT MIN(user_id) FROM {table} "
        f"UNION ALL SELECT (SELECT MIN(user_id) FROM {table} WHERE user_id > logged.user_id) "
        f"FROM logged WHERE logged.user_id IS NOT NULL"
        f") SELECT user_id FROM logged WHERE user_id IS NOT NULL",
        [],
    )
    others = Q()
    for log in logs.logs():  # small tables beside the participants' log: read as they are
        others |= Q(pk__in=log.model._default_manager.values("user_id"))
    return get_user_model().objects.filter(Q(pk__in=distinct_users) | others).order_by("username")


def logged_pages():
    """The pages that write the log, as (URL name, title) choices by title: those with a title
    (audit/pages.py) and the admin's pages of the models that log. Known from the code rather
    than read from the log, whose every row a DISTINCT would read (issue 22)."""
    names = set(PAGE_TITLES) | admin_page_names() | {name for log in logs.logs() for name in log.url_names}
    return sorted(((name, page_title(name)) for name in names), key=lambda choice: choice[1])


def logged_kinds():
    """Whose personal data: participants (this app's log) and each registered log's subjects."""
    return [(logs.PARTICIPANT, capfirst(_("participants"))), *((log.kind, log.label) for log in logs.logs())]


def _in_search(queryset, name, value):
    """Filters that choose which logs are searched (audit/search.py), not rows of one."""
    return queryset


class AccessLogFilter(django_filters.FilterSet):
    user = django_filters.ModelChoiceFilter(
        queryset=logged_users, label=capfirst(_("user")), empty_label=_("All users")
    )
    log = django_filters.ChoiceFilter(
        choices=logged_kinds, label=_("Whose personal data"), empty_label=_("All"), method=_in_search
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
        fields = ["user", "log", "participant", "date_from", "date_to", "url_name", "action"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for log in logs.logs():  # "initiative": #id, title or organisation (audit/search.py uses it)
            self.filters[log.kind] = django_filters.CharFilter(label=log.search_label, method=_in_search)

    def by_participant(self, queryset, name, value):
        """A whole personnummer or samordningsnummer finds that person, "#123" that id (how an
        anonymised participant is found), anything else names or the last four digits
        (`ParticipantQuerySet.find`). The participants are reached through the log's own
        foreign key: the access log sits below the participants app and imports none of it."""
        participants = AccessLogEntry._meta.get_field("participant").related_model._default_manager
        return queryset.filter(participant__in=participants.find(value).values("pk"))
