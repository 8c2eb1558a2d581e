from django.urls import path

from . import views

app_name = "archive"

urlpatterns = [
    path("agreements/<int:pk>/archive-package/", views.archive_package, name="package"),
]
