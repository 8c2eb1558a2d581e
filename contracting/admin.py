from django.contrib import admin

from .models import ClauseTemplate


@admin.register(ClauseTemplate)
class ClauseTemplateAdmin(admin.ModelAdmin):
    """Clause templates: a change is a new version (a new row); documents keep what they used."""

    list_display = ("clause", "committee", "revision", "title", "created_at")
    list_filter = ("committee", "clause")
    search_fields = ("title", "body")
