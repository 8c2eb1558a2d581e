from django.urls import path

from . import views

app_name = "meetings"

urlpatterns = [
    path("agreements/<int:pk>/", views.agreement_meetings, name="agreement_meetings"),
    path("<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("<int:pk>/minutes/", views.minutes_download, name="minutes_download"),
    path("decisions/<int:pk>/done/", views.decision_done, name="decision_done"),
]
