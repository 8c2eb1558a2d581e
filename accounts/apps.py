from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Users and roles")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from .middleware import refresh_at_login, start_session_clock

        user_logged_in.connect(start_session_clock, dispatch_uid="accounts.start_session_clock")
        user_logged_in.connect(refresh_at_login, dispatch_uid="accounts.refresh_at_login")

        from django.core import checks

        from .sso import check_role_map

        checks.register(check_role_map)
        # Django saves the user at every login (last_login), which would add a history record of
        # the user each time: the time is stored with an UPDATE instead (accounts/rights_history.py).
        from django.contrib.auth.models import update_last_login

        from .rights_history import store_last_login

        user_logged_in.disconnect(update_last_login, dispatch_uid="update_last_login")
        user_logged_in.connect(store_last_login, dispatch_uid="accounts.store_last_login")
