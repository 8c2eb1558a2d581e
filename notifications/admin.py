from django.contrib import admin

from .models import Reminder


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ["created_at", "recipient", "kind", "subject", "emailed_at", "attempts", "error"]
    list_filter = ["kind"]
    readonly_fields = [field.name for field in Reminder._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
