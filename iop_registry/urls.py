"""Top-level URLs: each app owns its own prefix."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from accounts import sso
from accounts import views as accounts_views
from dashboard import views as dashboard_views
from iop_registry.views import accessibility_statement
from operations.health import HealthView

urlpatterns = [
    path("", dashboard_views.home, name="home"),
    path("search/", dashboard_views.search, name="search"),
    path("reminders/", include("notifications.urls")),
    path("login/", accounts_views.LoginView.as_view(), name="login"),
    path("login/sso/", sso.login_start, name="sso_login"),
    path("login/sso/callback/", sso.callback, name="sso_callback"),
    path("login/sso/refused/", sso.refused, name="sso_refused"),
    path("logout/", sso.LogoutView.as_view(), name="logout"),
    path("account/password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("account/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("account/", include("accounts.urls")),
    path("admin/", admin.site.urls),
    path("portal/", include("portal.urls")),
    path("participants/", include("participants.urls")),
    path("audit/", include("audit.urls")),
    path("", include("archive.urls")),
    path("", include("partnerships.urls")),
    path("agreements/<int:pk>/document/", include("contracting.urls")),
    path("reports/", include("reports.urls")),
    path("offentligt/", include("reports.open_urls")),
    path("payments/", include("payments.urls")),
    path("", include("terminations.urls")),
    path("meetings/", include("meetings.urls")),
    # Initiatives (issue 23): /initiativ/ without a login, /initiatives/ for the officials.
    path("", include("initiatives.urls")),
    # The accessibility statement (DOS-lagen): for everyone, logged in or not.
    path("accessibility/", accessibility_statement, name="accessibility"),
    path("api/", include("api.urls")),
    path("import/", include("imports.urls")),
    path("export/", include("exports.urls")),
    # For load balancers and monitoring: no login, no personal data (operations/health.py).
    path("health/", HealthView.as_view(), name="health"),
]

handler404 = "iop_registry.views.page_not_found"
handler500 = "iop_registry.views.server_error"
