"""The open data of the public page, under /offentligt/ (reports/views/opendata.py, issue 24)."""

from django.urls import path

from .views import opendata

app_name = "opendata"

urlpatterns = [
    path("iop.csv", opendata.open_data_csv, name="csv"),
    path("iop.json", opendata.open_data_json, name="json"),
    path("dcat.ttl", opendata.open_data_dcat, name="dcat"),
]
