"""Participants in the Django admin. Its pages show personal data like the coordinator's pages
do, so they write the access log too (changelist: every participant listed, also through their
placements, notes and attendance; change, history, history record and delete confirmation
pages, and the "delete selected" confirmation: the participants they show). The admin's own
log ("Recent actions" on the admin index) names these objects by kind and number only."""

from django.contrib import admin
from django.db import transaction
from django.utils.text import capfirst

from audit.services import Action, Page, log_access
from core.admin_safety import HistoryAdmin, VersionedAdminMixin

from . import usage
from .models import Attendance, Participant, Placement, PlacementOutcome, ProgressNote


class LoggedAdmin(HistoryAdmin):
    """Writes the access log for the participants an admin page shows."""

    def participant_ids(self, objects) -> list[int]:
        raise NotImplementedError

    def _log(self, request, objects, action: str) -> None:
        if request.user.is_authenticated:
            log_access(
                user=request.user,
                participants=self.participant_ids(objects),
                page=Page.of(request),
                action=action,
            )

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if changelist is not None:
            self._log(request, changelist.result_list, Action.LIST)
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        obj = self.get_object(request, object_id)
        if obj is not None:
            self._log(request, [obj], Action.CHANGE if request.method == "POST" else Action.VIEW)
        return response

    def history_view(self, request, object_id, extra_context=None):
        response = super().history_view(request, object_id, extra_context)
        obj = self.get_object(request, object_id)
        if obj is not None:
            self._log(request, [obj], Action.VIEW)
        return response

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        response = super().history_form_view(request, object_id, version_id, extra_context)
        # A history record's own pk is history_id; the object's id is the field of that name.
        record = self.model.history.filter(
            **{self.model._meta.pk.attname: object_id}, history_id=version_id
        ).first()
        if record is not None and response.status_code == 200:
            self._log(request, [record.instance], Action.VIEW)
        return response

    def delete_view(self, request, object_id, extra_context=None):
        # Before the view: after a deletion the object is gone (and then no page shows it).
        obj = self.get_object(request, object_id)
        if obj is not None and self.has_delete_permission(request, obj):
            self._log(request, [obj], Action.CHANGE if request.method == "POST" else Action.VIEW)
        return super().delete_view(request, object_id, extra_context)

    def response_action(self, request, queryset, *args, **kwargs):
        # "Delete selected" answers with a confirmation page that lists every object chosen.
        response = super().response_action(request, queryset, *args, **kwargs)
        if response is not None and getattr(response, "context_data", {}).get("queryset") is not None:
            self._log(request, list(response.context_data["queryset"]), Action.VIEW)
        return response

    def _name_by_kind_only(self, entries) -> None:
        """The admin log's `object_repr` is shown in "Recent actions": no names there."""
        from django.contrib.admin.models import LogEntry

        entries = entries if isinstance(entries, list | tuple) else [entries]
        label = capfirst(self.model._meta.verbose_name)
        for entry in entries:
            LogEntry.objects.filter(pk=entry.pk).update(object_repr=f"{label} #{entry.object_id}")

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        self._name_by_kind_only(entry)
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        self._name_by_kind_only(entry)
        return entry

    def log_deletions(self, request, queryset):
        entries = super().log_deletions(request, queryset)
        self._name_by_kind_only(list(entries))
        return entries


class ReadOnlyAdminMixin:
    """Placements change only through the coordinator's pages, where capacity is checked under
    a row lock (participants/assignment.py); the admin shows them."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class PlacementInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Placement
    extra = 0
    fields = ["agreement", "start", "planned_end", "actual_end", "status", "end_reason", "days_per_week"]
    autocomplete_fields = ["agreement"]


@admin.register(Participant)
class ParticipantAdmin(VersionedAdminMixin, LoggedAdmin):
    list_display = ["last_name", "first_name", "personnummer_masked", "gender", "level", "district"]
    list_filter = ["gender", "level"]
    search_fields = ["last_name", "first_name", "=personnummer"]
    inlines = [PlacementInline]

    def participant_ids(self, objects) -> list[int]:
        return [participant.pk for participant in objects]

    def get_search_results(self, request, queryset, search_term):
        # Django's autocomplete endpoint answers for any foreign key to a participant (not only
        # the admin's autocomplete_fields) with names in JSON, outside every logged page: it
        # finds no one. The changelist's search is unaffected (and logged).
        match = request.resolver_match
        if match is not None and match.url_name == "autocomplete":
            return queryset.none(), False
        return super().get_search_results(request, queryset, search_term)

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        if change and "gender" in form.changed_data:  # the yearly figures count by gender
            usage.refresh_for_participant(obj.pk)

    def has_change_permission(self, request, obj=None) -> bool:
        # Editing an anonymised participant could only put identifiers back.
        return super().has_change_permission(request, obj) and not (obj is not None and obj.is_anonymised)


@admin.register(Placement)
class PlacementAdmin(VersionedAdminMixin, ReadOnlyAdminMixin, LoggedAdmin):
    list_display = ["participant", "agreement", "start", "planned_end", "actual_end", "status"]
    list_filter = ["status", "end_reason", "agreement"]
    search_fields = ["participant__last_name", "participant__first_name", "agreement__name"]
    list_select_related = ["participant", "agreement"]
    # Not autocomplete, which lists participants' names outside any logged page (see
    # ParticipantAdmin.get_search_results); the raw id widget shows the one chosen, on a logged page.
    raw_id_fields = ["participant"]
    autocomplete_fields = ["agreement"]
    date_hierarchy = "start"

    def participant_ids(self, objects) -> list[int]:
        return [placement.participant_id for placement in objects]

    def delete_model(self, request, obj) -> None:
        with transaction.atomic():
            super().delete_model(request, obj)
            usage.refresh([obj.agreement_id])

    def delete_queryset(self, request, queryset) -> None:
        with transaction.atomic():
            agreements = set(queryset.values_list("agreement_id", flat=True))
            super().delete_queryset(request, queryset)
            usage.refresh(agreements)


@admin.register(ProgressNote)
class ProgressNoteAdmin(LoggedAdmin):
    list_display = ["placement", "date", "progression", "author"]
    list_filter = ["progression"]
    list_select_related = ["placement__participant", "placement__agreement", "author"]
    raw_id_fields = ["placement"]

    def participant_ids(self, objects) -> list[int]:
        return [note.placement.participant_id for note in objects]


@admin.register(Attendance)
class AttendanceAdmin(LoggedAdmin):
    list_display = ["placement", "date", "present", "recorded_by"]
    list_filter = ["present"]
    list_select_related = ["placement__participant", "placement__agreement", "recorded_by"]
    raw_id_fields = ["placement"]
    date_hierarchy = "date"

    def participant_ids(self, objects) -> list[int]:
        return [day.placement.participant_id for day in objects]


@admin.register(PlacementOutcome)
class PlacementOutcomeAdmin(LoggedAdmin):
    list_display = ["placement", "months", "situation", "recorded_by", "recorded_at"]
    list_filter = ["months", "situation"]
    list_select_related = ["placement__participant", "placement__agreement", "recorded_by"]
    raw_id_fields = ["placement"]

    def participant_ids(self, objects) -> list[int]:
        return [outcome.placement.participant_id for outcome in objects]
