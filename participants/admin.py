from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Attendance, Participant, Placement, ProgressNote


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
class ParticipantAdmin(SimpleHistoryAdmin):
    list_display = ["last_name", "first_name", "personnummer_masked", "gender", "level", "district"]
    list_filter = ["gender", "level"]
    search_fields = ["last_name", "first_name", "=personnummer"]
    inlines = [PlacementInline]


@admin.register(Placement)
class PlacementAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ["participant", "agreement", "start", "planned_end", "actual_end", "status"]
    list_filter = ["status", "end_reason", "agreement"]
    search_fields = ["participant__last_name", "participant__first_name", "agreement__name"]
    list_select_related = ["participant", "agreement"]
    autocomplete_fields = ["participant", "agreement"]
    date_hierarchy = "start"


@admin.register(ProgressNote)
class ProgressNoteAdmin(SimpleHistoryAdmin):
    list_display = ["placement", "date", "progression", "author"]
    list_filter = ["progression"]
    list_select_related = ["placement__participant", "placement__agreement", "author"]
    raw_id_fields = ["placement"]


@admin.register(Attendance)
class AttendanceAdmin(SimpleHistoryAdmin):
    list_display = ["placement", "date", "present", "recorded_by"]
    list_filter = ["present"]
    list_select_related = ["placement__participant", "placement__agreement", "recorded_by"]
    raw_id_fields = ["placement"]
    date_hierarchy = "date"
