from django.urls import path

from . import invitation_views, views

app_name = "accounts"

urlpatterns = [
    path("", views.account, name="account"),
    path("otp/setup/", views.otp_setup, name="otp_setup"),
    path("otp/verify/", views.otp_verify, name="otp_verify"),
    path("invitation/<str:token>/", invitation_views.invitation_accept, name="invitation_accept"),
]
