"""The access log and the retention runs in the admin: view only, for no one to change."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin_safety import SafeModelAdmin

from .models import AccessLogEntry, ContactAccessLogEntry, RetentionRun


class ViewOnlyAdmin(SafeModelAdmin):
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(AccessLogEntry)
class AccessLogEntryAdmin(ViewOnlyAdmin):
    # The participant is shown as its id only: the admin list is not itself a view of anyone's
    # personal data (the same rule as the /audit/ page).
    list_display = ["at", "user", "participant_reference", "action", "url_name", "path"]
    list_filter = ["action", "url_name"]
    date_hierarchy = "at"
    list_select_related = ["user"]
    search_fields = ["user__username", "=participant__id"]
    fields = ["at", "user", "participant_reference", "action", "url_name", "path"]
    readonly_fields = fields

    @admin.display(description=_("participant"), ordering="participant_id")
    def participant_reference(self, entry: AccessLogEntry) -> str:
        return f"#{entry.participant_id}"


@admin.register(RetentionRun)
class RetentionRunAdmin(ViewOnlyAdmin):
    list_display = [
        "started_at",
        "retention_months",
        "cutoff",
        "participants",
        "placements",
        "notes",
        "history_rows",
    ]
    date_hierarchy = "started_at"
    readonly_fields = [
        "started_at",
        "retention_months",
        "cutoff",
        "participants",
        "placements",
        "notes",
        "history_rows",
        "admin_log_rows",
        "participant_ids",
    ]
    fields = readonly_fields


@admin.register(ContactAccessLogEntry)
class ContactAccessLogEntryAdmin(ViewOnlyAdmin):
    """Which partner contacts (by id) each page showed to whom (issue 26)."""

    list_display = ["at", "user", "partner_id", "contact_ids", "url_name", "path"]
    list_filter = ["url_name"]
    date_hierarchy = "at"
    list_select_related = ["user"]
    search_fields = ["user__username", "=partner_id"]
    fields = ["at", "user", "partner_id", "contact_ids", "url_name", "path"]
    readonly_fields = fields
