from django.contrib import admin

from core.admin_safety import HistoryAdmin, VersionedAdminMixin

from .models import (
    CommitteeDecision,
    FollowUp,
    Memo,
    MemoDefaults,
    MemoRecipient,
    MemoSection,
    MemoVersion,
    ReportedContribution,
    StandardRecipient,
)
from .tasks import prepare_after_commit


@admin.register(FollowUp)
class FollowUpAdmin(VersionedAdminMixin, HistoryAdmin):
    list_display = ["agreement", "year", "status", "enrolled", "delivery_mode"]
    list_filter = ["year", "status", "delivery_mode"]
    search_fields = ["agreement__name", "summary"]
    list_select_related = ["agreement"]
    readonly_fields = [
        "enrolled_from_placements",
        "submitted_by",
        "submitted_at",
        "approved_by",
        "approved_at",
        "returned_reason",
        "returned_by",
        "returned_at",
    ]


@admin.register(ReportedContribution)
class ReportedContributionAdmin(HistoryAdmin):
    list_display = ["follow_up", "party", "money", "in_kind"]
    list_select_related = ["follow_up__agreement", "party__partner"]


@admin.register(MemoDefaults)
class MemoDefaultsAdmin(VersionedAdminMixin, admin.ModelAdmin):
    list_display = ["committee", "signer", "goals_url"]
    search_fields = ["committee__name", "committee__abbreviation", "signer"]
    list_select_related = ["committee"]


class MemoSectionInline(admin.StackedInline):
    model = MemoSection
    extra = 0


class MemoVersionInline(admin.TabularInline):
    """Stored versions are shown, never changed, added or deleted here."""

    model = MemoVersion
    fields = ["number", "sha256", "size", "created_by", "created_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Memo)
class MemoAdmin(VersionedAdminMixin, HistoryAdmin):
    list_display = ["title", "kind", "date", "case_number", "committee"]
    list_filter = ["kind", "committee"]
    search_fields = ["title", "case_number"]
    inlines = [MemoSectionInline, MemoVersionInline]

    def save_related(self, request, form, formsets, change) -> None:
        # An edit here changes the PDF as the editor's do: the worker renders it ahead.
        super().save_related(request, form, formsets, change)
        prepare_after_commit(form.instance.pk)

    def has_delete_permission(self, request, obj=None) -> bool:
        # An exported memo is protected by its versions; one never exported may go.
        return super().has_delete_permission(request, obj) and (obj is None or not obj.versions.exists())


@admin.register(StandardRecipient)
class StandardRecipientAdmin(HistoryAdmin):
    """Who a committee's decisions are usually sent to: offered on each of its memos."""

    list_display = ["name", "email", "committee", "order"]
    list_filter = ["committee"]
    search_fields = ["name", "email"]
    list_select_related = ["committee"]


class ReadOnlyAdmin(HistoryAdmin):
    """Recorded through the memo's pages, which make the agreement decided and send the mails;
    the admin shows them and their history only."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(CommitteeDecision)
class CommitteeDecisionAdmin(VersionedAdminMixin, ReadOnlyAdmin):
    list_display = ["memo", "meeting_date", "paragraph", "delegated_signatory"]
    search_fields = ["memo__title", "text"]
    list_select_related = ["memo"]


@admin.register(MemoRecipient)
class MemoRecipientAdmin(ReadOnlyAdmin):
    list_display = ["name", "memo", "method", "sent_at", "emailed_at", "attempts"]
    list_filter = ["method"]
    search_fields = ["name", "memo__title"]
    list_select_related = ["memo"]
