from django.contrib import admin

from .models import PartnerMembership


@admin.register(PartnerMembership)
class PartnerMembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "partner"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "partner__name"]
    autocomplete_fields = ["partner"]
    list_select_related = ["user", "partner"]
