from django.urls import path

from . import views

app_name = "payments"

urlpatterns = [
    path("", views.payment_list, name="payment_list"),
    path("export.xlsx", views.export_xlsx, name="export_xlsx"),
    path("export.csv", views.export_csv, name="export_csv"),
    path("agreements/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("instalments/<int:pk>/paid/", views.instalment_paid, name="instalment_paid"),
    path("instalments/<int:pk>/withhold/", views.instalment_withhold, name="instalment_withhold"),
]
