from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    """Running the product in production: tasks, health, backups (issue 11)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "operations"
    verbose_name = _("operations")
