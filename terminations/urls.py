from django.urls import path

from . import views

app_name = "terminations"

urlpatterns = [
    path("agreements/<int:pk>/terminate/", views.terminate, name="terminate"),
]
