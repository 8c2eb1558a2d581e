from django.urls import path

from . import views

app_name = "exports"

urlpatterns = [
    path("overview/", views.overview, name="overview"),
    path("partners/", views.partners, name="partners"),
    path("follow-ups/", views.follow_ups, name="follow_ups"),
    path("forecast/", views.forecast, name="forecast"),
    path("key-figures/", views.key_figures_list, name="key_figures"),
    path("agreements/<int:pk>/occupancy/", views.agreement_occupancy, name="occupancy"),
    path("access-log/", views.access_log, name="access_log"),
    path("initiatives/", views.initiatives, name="initiatives"),
]
