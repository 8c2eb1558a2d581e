from django.urls import path

from . import import_views

app_name = "imports"

urlpatterns = [
    path("", import_views.upload, name="upload"),
    path("<int:pk>/", import_views.preview, name="preview"),
    path("<int:pk>/confirm/", import_views.confirm, name="confirm"),
    path("template/", import_views.template_file, name="template"),
]
