from django.contrib import admin

from core.admin_safety import HistoryAdmin

from .models import CommitteeMembership, PartnerMembership


@admin.register(PartnerMembership)
class PartnerMembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "partner"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "partner__name"]
    autocomplete_fields = ["partner"]
    list_select_related = ["user", "partner"]


@admin.register(CommitteeMembership)
class CommitteeMembershipAdmin(HistoryAdmin):
    list_display = ["user", "committee"]
    list_filter = ["committee"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "committee__name"]
    autocomplete_fields = ["user", "committee"]
    list_select_related = ["user", "committee"]
