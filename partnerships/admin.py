from django.contrib import admin

from core.admin_safety import HistoryAdmin, VersionedAdminMixin
from core.agreement_changes import agreement_saved

from .forms import AgreementForm
from .guidelines import Guideline, GuidelineCriterion
from .models import (
    Agreement,
    AgreementAttachment,
    AgreementContact,
    AgreementCriterion,
    AgreementGoal,
    AgreementParty,
    Amendment,
    BudgetFrame,
    Committee,
    Goal,
    GoalArea,
    GoalIndicator,
    Partner,
    PartnerContact,
    Termination,
)


@admin.register(Committee)
class CommitteeAdmin(VersionedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "abbreviation", "administration"]
    search_fields = ["name", "abbreviation", "administration"]


class PartnerContactInline(admin.TabularInline):
    model = PartnerContact
    extra = 0


@admin.register(Partner)
class PartnerAdmin(VersionedAdminMixin, HistoryAdmin):
    list_display = ["name", "organisation_number", "kind", "city"]
    list_filter = ["kind"]
    search_fields = ["name", "organisation_number", "contacts__name"]
    inlines = [PartnerContactInline]


@admin.register(PartnerContact)
class PartnerContactAdmin(HistoryAdmin):
    list_display = ["name", "role", "partner", "is_portal_user"]
    list_filter = ["role"]
    search_fields = ["name", "partner__name"]
    autocomplete_fields = ["partner"]


@admin.register(AgreementContact)
class AgreementContactAdmin(HistoryAdmin):
    list_display = ["contact", "agreement"]
    autocomplete_fields = ["agreement", "contact"]


@admin.register(Termination)
class TerminationAdmin(HistoryAdmin):
    list_display = ["agreement", "kind", "given_by", "given_on", "last_day"]
    readonly_fields = ["agreement"]


class AgreementPartyInline(admin.TabularInline):
    model = AgreementParty
    extra = 0
    autocomplete_fields = ["partner"]


class AgreementCriterionInline(admin.TabularInline):
    model = AgreementCriterion
    extra = 0


class AgreementGoalInline(admin.TabularInline):
    model = AgreementGoal
    extra = 0


class AgreementAdminForm(AgreementForm):
    """The officials' form and its checks (dates, cost within value, placements within the
    validity), so the admin cannot save what the pages would refuse."""

    class Meta(AgreementForm.Meta):
        fields = "__all__"


@admin.register(Agreement)
class AgreementAdmin(VersionedAdminMixin, HistoryAdmin):
    form = AgreementAdminForm
    list_display = [
        "name",
        "committee",
        "valid_from",
        "valid_to",
        "stage",
        "value_per_year",
        "committee_cost_per_year",
    ]
    list_filter = ["committee", "stage"]
    search_fields = ["name", "case_number", "parties__partner__name"]
    date_hierarchy = "valid_from"
    inlines = [AgreementPartyInline, AgreementCriterionInline, AgreementGoalInline]
    autocomplete_fields = ["predecessor"]

    def save_model(self, request, obj, form, change) -> None:
        """Save as the pages do, and tell the agreement's followers (its payment plan) as
        `services.save_agreement` does (core/agreement_changes.py); a history revert saves here too."""
        was_decided = change and Agreement.objects.filter(pk=obj.pk, stage=Agreement.Stage.DECIDED).exists()
        super().save_model(request, obj, form, change)
        agreement_saved(obj, became_decided=obj.stage == Agreement.Stage.DECIDED and not was_decided)


@admin.register(AgreementParty)
class AgreementPartyAdmin(HistoryAdmin):
    list_display = ["agreement", "partner", "role", "in_kind_contribution"]
    list_filter = ["role"]
    search_fields = ["agreement__name", "partner__name"]
    list_select_related = ["agreement", "partner"]


@admin.register(AgreementCriterion)
class AgreementCriterionAdmin(admin.ModelAdmin):
    list_display = ["agreement", "criterion", "fulfilled"]
    list_filter = ["criterion", "fulfilled"]
    search_fields = ["agreement__name", "justification"]
    list_select_related = ["agreement"]


@admin.register(AgreementAttachment)
class AgreementAttachmentAdmin(HistoryAdmin):
    """Documents are uploaded through the agreement page, where their type and size are checked."""

    list_display = ["original_name", "agreement", "kind", "size", "uploaded_by", "uploaded_at"]
    list_filter = ["kind"]
    search_fields = ["original_name", "title", "agreement__name"]
    list_select_related = ["agreement", "uploaded_by"]
    readonly_fields = [
        "agreement",
        "file",
        "original_name",
        "content_type",
        "size",
        "sha256",
        "uploaded_by",
        "uploaded_at",
    ]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(Amendment)
class AmendmentAdmin(HistoryAdmin):
    """Amendments are recorded on the agreement page, where their date and amounts are checked;
    here they can be read (and deleted, which the history keeps)."""

    list_display = ["agreement", "starts_on", "value_per_year", "committee_cost_per_year", "case_number"]
    search_fields = ["agreement__name", "case_number"]
    list_select_related = ["agreement"]
    readonly_fields = [
        "agreement",
        "starts_on",
        "value_per_year",
        "committee_cost_per_year",
        "price_level_year",
        "indexation_percent",
        "decision_date",
        "case_number",
    ]

    def has_add_permission(self, request) -> bool:
        return False

    def delete_model(self, request, obj) -> None:
        """An amendment deleted: its agreement's money is what it was before, and its followers
        (the payment plan's still planned instalments) follow (core/agreement_changes.py)."""
        super().delete_model(request, obj)
        agreement_saved(obj.agreement)

    def delete_queryset(self, request, queryset) -> None:
        agreements = list(Agreement.objects.filter(pk__in=queryset.values("agreement_id")))
        super().delete_queryset(request, queryset)
        for agreement in agreements:
            agreement_saved(agreement)


class GuidelineCriterionInline(admin.TabularInline):
    model = GuidelineCriterion
    extra = 0


@admin.register(Guideline)
class GuidelineAdmin(VersionedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "reference", "year", "adopted", "committee"]
    inlines = [GuidelineCriterionInline]


@admin.register(GuidelineCriterion)
class GuidelineCriterionAdmin(admin.ModelAdmin):
    list_display = ["guideline", "number", "text"]
    list_select_related = ["guideline"]


@admin.register(GoalArea)
class GoalAreaAdmin(HistoryAdmin):
    list_display = ["name", "order"]


class GoalIndicatorInline(admin.TabularInline):
    model = GoalIndicator
    extra = 0


@admin.register(Goal)
class GoalAdmin(HistoryAdmin):
    list_display = ["name", "area", "committee", "order"]
    list_filter = ["area", "committee"]
    search_fields = ["name"]
    inlines = [GoalIndicatorInline]


@admin.register(BudgetFrame)
class BudgetFrameAdmin(HistoryAdmin):
    list_display = ["committee", "year", "amount"]
    list_filter = ["committee"]


@admin.register(GoalIndicator)
class GoalIndicatorAdmin(HistoryAdmin):
    list_display = ["name", "goal", "target"]
    list_filter = ["goal"]


@admin.register(AgreementGoal)
class AgreementGoalAdmin(HistoryAdmin):
    list_display = ["agreement", "goal"]
    list_filter = ["goal"]
