from django.urls import path

from partnerships import converters  # noqa: F401 (registers <year:...>)

from . import initiative_views, views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("initiativ/", initiative_views.initiative_create, name="initiative_create"),
    path("agreements/<int:pk>/", views.agreement, name="agreement"),
    path("agreements/<int:pk>/document.pdf", views.agreement_document, name="agreement_document"),
    path("agreements/<int:pk>/follow-ups/<year:year>/", views.followup_edit, name="followup_edit"),
    path("agreements/<int:pk>/attendance/", views.attendance_week, name="attendance_week"),
    path("follow-ups/<int:pk>/", views.followup_detail, name="followup_detail"),
    path("placements/<int:pk>/", views.placement, name="placement"),
    path("placements/<int:pk>/attendance/", views.attendance_record, name="attendance_record"),
    path("placements/<int:pk>/notes/", views.note_create, name="note_create"),
]
