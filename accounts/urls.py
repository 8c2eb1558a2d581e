from django.contrib.auth import views as auth_views
from django.urls import path

from . import invitation_views, password_reset, recovery_views, views

app_name = "accounts"

urlpatterns = [
    path("", views.account, name="account"),
    path("otp/setup/", views.otp_setup, name="otp_setup"),
    path("otp/verify/", views.otp_verify, name="otp_verify"),
    path("recovery-codes/", recovery_views.recovery_codes, name="recovery_codes"),
    path("access-history/", recovery_views.access_history, name="access_history"),
    path("users/<int:pk>/second-factor/", recovery_views.second_factor_reset, name="second_factor_reset"),
    path("invitation/<str:token>/", invitation_views.invitation_accept, name="invitation_accept"),
    path("password/reset/", password_reset.PasswordResetView.as_view(), name="password_reset"),
    path("password/reset/sent/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password/reset/<uidb64>/<token>/",
        password_reset.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/done/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"
    ),
]
