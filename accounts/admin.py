from django.contrib import admin

from core.admin_safety import HistoryAdmin

from .models import CommitteeMembership, Invitation, PartnerMembership, SecurityEvent, SingleSignOnIdentity


@admin.register(SingleSignOnIdentity)
class SingleSignOnIdentityAdmin(admin.ModelAdmin):
    """Made by the first single sign-on login (accounts/sso.py); deleting one lets the
    provider's account log in afresh as a new user."""

    list_display = ["user", "subject", "created_at"]
    search_fields = ["user__username", "subject"]
    readonly_fields = ["user", "subject", "created_at"]
    list_select_related = ["user"]

    def has_add_permission(self, request) -> bool:
        return False


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


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyAdmin):
    list_display = ["email", "partner", "invited_by", "created_at", "emailed_at", "attempts", "accepted_at"]
    exclude = ["token_hash"]
    search_fields = ["email", "partner__name"]
    list_select_related = ["partner", "invited_by"]


@admin.register(SecurityEvent)
class SecurityEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "kind", "by", "subject", "detail"]
    list_filter = ["kind"]
    search_fields = ["by__username", "subject__username", "detail"]
    list_select_related = ["by", "subject"]
