from django.contrib import admin
from django.db.models import Max

from .models import ClauseTemplate


@admin.register(ClauseTemplate)
class ClauseTemplateAdmin(admin.ModelAdmin):
    """Clause templates (issue 23): saving one, new or changed, makes the next version of that
    clause for that committee (or the default); the earlier versions stay as they were, and a
    document keeps the text it was written from."""

    list_display = ("clause", "committee", "revision", "title", "created_at")
    list_filter = ("committee", "clause")
    search_fields = ("title", "body")
    readonly_fields = ("revision", "created_at")

    def save_model(self, request, obj: ClauseTemplate, form, change: bool) -> None:
        if change:
            obj.pk = None
            obj._state.adding = True
        last = ClauseTemplate.objects.filter(committee=obj.committee, clause=obj.clause).aggregate(
            last=Max("revision")
        )["last"]
        obj.revision = (last or 0) + 1
        super().save_model(request, obj, form, change)
