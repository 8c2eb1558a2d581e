from django.contrib import admin

from .models import PackageDownload


@admin.register(PackageDownload)
class PackageDownloadAdmin(admin.ModelAdmin):
    """The record of archive packages taken out: read only, as the access log is."""

    list_display = ["at", "user", "agreement", "files", "size", "sha256"]
    list_select_related = ["user", "agreement"]
    search_fields = ["agreement__name", "sha256"]
    date_hierarchy = "at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
