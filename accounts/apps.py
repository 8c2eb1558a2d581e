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

        # The cached user (accounts/usercache.py) is dropped whenever the user changes.
        from django.contrib.auth import get_user_model
        from django.contrib.auth.models import Group, Permission
        from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

        from .usercache import forget, forget_rights

        user_model = get_user_model()
        post_save.connect(forget, sender=user_model, dispatch_uid="accounts.usercache.saved")
        post_delete.connect(forget, sender=user_model, dispatch_uid="accounts.usercache.deleted")
        user_logged_in.connect(forget, dispatch_uid="accounts.usercache.logged_in")
        # ... and so are its roles and permissions, which it carries (any sender: a data
        # migration's historical through models count too; forget_rights picks by label).
        m2m_changed.connect(forget_rights, dispatch_uid="accounts.usercache.rights")
        post_save.connect(forget_rights, sender=Group, dispatch_uid="accounts.usercache.group_saved")
        pre_delete.connect(forget_rights, sender=Group, dispatch_uid="accounts.usercache.group_deleted")
        pre_delete.connect(forget_rights, sender=Permission, dispatch_uid="accounts.usercache.perm_deleted")
