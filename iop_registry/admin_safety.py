"""Admin base classes that answer 404 or the admin's "invalid lookup" page, never 500, to ids
and date-hierarchy values that cannot be right (issue 8: a 20-digit or non-numeric id, year
99999 in a date filter).

- `SafeLookupsMixin`: the changelist's date hierarchy (`<field>__year/__month/__day`) must be a
  real date whose following year exists; otherwise Django's own IncorrectLookupParameters,
  which the admin turns into a redirect to `?e=1`. (Django catches a ValueError there, but not
  the OverflowError of a 20-digit year, nor year 9999, whose next year does not exist.)
- `HistoryAdmin`: django-simple-history's history pages with an id that is not one of the
  model's primary keys (or a history id that is not an integer) answer 404.
"""

from __future__ import annotations

from datetime import date

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.http import Http404
from simple_history.admin import SimpleHistoryAdmin


def _date_hierarchy_is_valid(request, field: str) -> bool:
    parts = [request.GET.get(f"{field}__{part}") for part in ("year", "month", "day")]
    if parts[0] is None:
        return True
    try:
        year, month, day = (int(part) if part is not None else 1 for part in parts)
        date(year, month, day)
    except (ValueError, OverflowError):
        return False
    return 1 <= year < 9999


class SafeLookupsMixin:
    def get_changelist_instance(self, request):
        if self.date_hierarchy and not _date_hierarchy_is_valid(request, self.date_hierarchy):
            raise IncorrectLookupParameters(f"{self.date_hierarchy}: not a date")
        return super().get_changelist_instance(request)


def _primary_key_or_404(model, object_id: str):
    try:
        return model._meta.pk.to_python(unquote(object_id))
    except (ValidationError, ValueError, OverflowError):
        raise Http404 from None


class HistoryAdmin(SafeLookupsMixin, SimpleHistoryAdmin):
    def history_view(self, request, object_id, extra_context=None):
        _primary_key_or_404(self.model, object_id)
        return super().history_view(request, object_id, extra_context=extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        _primary_key_or_404(self.model, object_id)
        if not str(version_id).isascii() or not str(version_id).isdigit():
            raise Http404
        return super().history_form_view(request, object_id, version_id, extra_context=extra_context)


class SafeModelAdmin(SafeLookupsMixin, admin.ModelAdmin):
    pass
