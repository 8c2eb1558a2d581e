from django.contrib import admin
from django.contrib.admin.utils import unquote

from audit.admin import ViewOnlyAdmin
from core.admin_safety import HistoryAdmin

from .models import AccessLogEntry, Initiative, InitiativeCriterion, Message, RetentionRun


class CriterionInline(admin.TabularInline):
    model = InitiativeCriterion
    extra = 0


class MessageInline(admin.TabularInline):
    model = Message
    extra = 0


@admin.register(Initiative)
class InitiativeAdmin(HistoryAdmin):
    list_display = ["title", "organisation_name", "committee", "status", "submitted_at"]
    list_filter = ["status", "committee"]
    list_select_related = ["committee"]
    search_fields = ["title", "organisation_name", "organisation_number", "dnr"]
    exclude = ["token"]
    inlines = [CriterionInline, MessageInline]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """The contact person shows here too: logged as on the officials' page."""
        from audit.models import Action

        from .views import log_view

        # The object the admin will show, read as the admin reads the id (not a stricter rule,
        # which would show a page it did not log).
        initiative = self.get_object(request, unquote(object_id))
        if initiative is not None and request.method == "GET":
            log_view(request, [initiative], Action.VIEW)
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(AccessLogEntry)
class AccessLogEntryAdmin(ViewOnlyAdmin):
    list_display = ["at", "user", "initiative", "action", "url_name"]
    list_select_related = ["user", "initiative"]


@admin.register(RetentionRun)
class RetentionRunAdmin(ViewOnlyAdmin):
    list_display = ["started_at", "retention_months", "initiatives"]
