from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """What every app shares and no domain knows about: widgets, optimistic locking, money
    formatting, history. Imports no other app of the project (tests/test_import_layers.py)."""

    name = "core"
    verbose_name = _("Core")
