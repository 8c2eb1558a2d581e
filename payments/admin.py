from django.contrib import admin

from core.admin_safety import HistoryAdmin

from .models import Instalment, PaymentPlan


@admin.register(PaymentPlan)
class PaymentPlanAdmin(HistoryAdmin):
    list_display = ["agreement", "frequency"]
    list_select_related = ["agreement"]


@admin.register(Instalment)
class InstalmentAdmin(HistoryAdmin):
    list_display = ["agreement", "year", "number", "due_on", "amount", "status", "paid_on", "paid_amount"]
    list_filter = ["status", "year"]
    list_select_related = ["agreement"]
