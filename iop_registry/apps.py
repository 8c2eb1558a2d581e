"""The project's own app config: the Swedish names of the third-party apps in the admin."""

from __future__ import annotations

from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _

# The third-party apps the Django admin lists (issue 14: the systemförvaltare reads "Axes" and
# "Otp_Totp" otherwise). An app config's name is no part of any migration.
APP_NAMES = {
    "axes": _("Login protection"),
    "otp_totp": _("Two-step verification"),
    "otp_static": _("Recovery codes"),
    "django_otp": _("Two-step verification"),
    "django_tasks_database": _("Background tasks"),
    "simple_history": _("History"),
    "health_check": _("Health check"),
}

# Models whose own names are not marked for translation by their app (django-otp's TOTP device):
# lazy, so `makemigrations` (which runs without translations) still reads the English name
# and finds no change. The names marked by their apps (axes, django-tasks-db) are translated in
# locale/sv through iop_registry/django_strings.py.
MODEL_NAMES = {
    "otp_totp.totpdevice": (_("TOTP device"), _("TOTP devices")),
    "otp_static.staticdevice": (_("recovery code list"), _("recovery code lists")),
    "otp_static.statictoken": (_("recovery code"), _("recovery codes")),
}


class IopRegistryConfig(AppConfig):
    name = "iop_registry"
    verbose_name = _("IOP registry")

    def ready(self) -> None:
        for label, verbose_name in APP_NAMES.items():
            if label in apps.app_configs:
                apps.app_configs[label].verbose_name = verbose_name
        for label, (singular, plural) in MODEL_NAMES.items():
            meta = apps.get_model(label)._meta
            meta.verbose_name, meta.verbose_name_plural = singular, plural
