from django.urls import path

from . import export_views

app_name = "exports"

urlpatterns = [
    path("overview/", export_views.overview, name="overview"),
    path("partners/", export_views.partners, name="partners"),
    path("follow-ups/", export_views.follow_ups, name="follow_ups"),
    path("forecast/", export_views.forecast, name="forecast"),
    path("key-figures/", export_views.key_figures_list, name="key_figures"),
    path("agreements/<int:pk>/occupancy/", export_views.agreement_occupancy, name="occupancy"),
    path("access-log/", export_views.access_log, name="access_log"),
    path("initiatives/", export_views.initiatives, name="initiatives"),
]
