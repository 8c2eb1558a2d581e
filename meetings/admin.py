from django.contrib import admin

from core.admin_safety import HistoryAdmin

from .models import Decision, Meeting


class DecisionInline(admin.TabularInline):
    model = Decision
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(HistoryAdmin):
    list_display = ["agreement", "kind", "date"]
    list_filter = ["kind"]
    list_select_related = ["agreement"]
    inlines = [DecisionInline]
