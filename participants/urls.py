from django.urls import path

from . import outcome_views, retention_views, views

app_name = "participants"

urlpatterns = [
    path("", views.participant_list, name="list"),
    path("new/", views.participant_create, name="create"),
    path("<int:pk>/", views.participant_detail, name="detail"),
    path("<int:pk>/edit/", views.participant_edit, name="edit"),
    path("<int:pk>/extract/", views.participant_extract, name="extract"),
    path("<int:pk>/extract.json", views.participant_extract_json, name="extract_json"),
    path("<int:pk>/assign/", views.participant_assign, name="assign"),
    path("placements/<int:pk>/edit/", views.placement_edit, name="placement_edit"),
    path("placements/<int:pk>/end/", views.placement_end, name="placement_end"),
    path("placements/<int:pk>/outcomes/", outcome_views.placement_outcomes, name="placement_outcomes"),
    path("placements/<int:pk>/start/", views.placement_start, name="placement_start"),
    path("placements/<int:pk>/notes/new/", views.note_create, name="note_create"),
    path("agreements/<int:pk>/", views.agreement_participants, name="agreement_participants"),
    path("retention/", retention_views.retention_due, name="retention_due"),
]
