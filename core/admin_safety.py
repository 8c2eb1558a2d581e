"""Admin base classes that answer 404 or the admin's "invalid lookup" page, never 500, to ids
and date-hierarchy values that cannot be right (issue 8: a 20-digit or non-numeric id, year
99999 in a date filter).

- `SafeLookupsMixin`: the changelist's date hierarchy (`<field>__year/__month/__day`) must be a
  real date whose following year exists; otherwise Django's own IncorrectLookupParameters,
  which the admin turns into a redirect to `?e=1`. (Django catches a ValueError there, but not
  the OverflowError of a 20-digit year, nor year 9999, whose next year does not exist.)
- `HistoryAdmin`: django-simple-history's history pages with an id that is not one of the
  model's primary keys (or a history id that is not an integer) answer 404.
- `VersionedAdminMixin`: the optimistic lock of every model with a `version` (below).
"""

from __future__ import annotations

from datetime import date

from django import forms
from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.core.exceptions import ValidationError
from django.db import router, transaction
from django.http import Http404
from simple_history.admin import SimpleHistoryAdmin

from core.params import whole_number

from .concurrency import EditConflict, claim_version


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
        if whole_number(version_id) is None:
            raise Http404
        return super().history_form_view(request, object_id, version_id, extra_context=extra_context)


class SafeModelAdmin(SafeLookupsMixin, admin.ModelAdmin):
    pass


class VersionedAdminMixin:
    """The optimistic lock of core/concurrency.py for a model with a `version`, in the admin
    (issue 21, row 13: a stale admin save silently overwrote the pages' edits, and did not bump
    `version`, so the pages' own conflict check missed it too).

    The change form carries, hidden, the version the object had when it was opened; a save over
    a version that has moved on is refused with the pages' message, nothing written; a save
    bumps `version`. The check runs in the form's `clean()`, inside the admin's transaction, so
    its row lock holds until the object (and its inlines) are saved.
    """

    def __init__(self, model, admin_site):
        super().__init__(model, admin_site)
        # The field is declared on the form class, so the admin's own field lists (and any
        # `fields`) may name it and the change page renders it.
        if not issubclass(self.form, VersionedAdminForm):
            self.form = type(f"Versioned{self.form.__name__}", (VersionedAdminForm, self.form), {})

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if "seen_version" in flatten_fieldsets(fieldsets):
            return fieldsets
        name, options = fieldsets[0]
        return [(name, {**options, "fields": [*options["fields"], "seen_version"]}), *fieldsets[1:]]

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # django-simple-history's "revert to this version" saves outside a transaction: give the
        # version check one, like the change view's.
        with transaction.atomic(using=router.db_for_write(self.model)):
            return super().history_form_view(request, object_id, version_id, extra_context)


class VersionedAdminForm(forms.ModelForm):
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The stored version, not the instance's: a history page's instance is an old version.
        pk = self.instance.pk if not self.instance._state.adding else None
        current = (
            type(self.instance)._default_manager.filter(pk=pk).values_list("version", flat=True).first()
            if pk is not None
            else None
        )
        self.fields["seen_version"].initial = current

    def clean(self):
        cleaned_data = super().clean()
        instance = self.instance
        if instance.pk is not None and not instance._state.adding:
            try:
                with transaction.atomic(using=router.db_for_write(type(instance))):
                    instance.version = claim_version(
                        type(instance), instance.pk, cleaned_data.get("seen_version")
                    )
            except EditConflict:
                raise forms.ValidationError(EditConflict.message, code="edit_conflict") from None
        return cleaned_data
