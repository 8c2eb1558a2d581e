from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArchiveConfig(AppConfig):
    """The archive package of an agreement's case (issue 23): reads every app, read by none."""

    name = "archive"
    verbose_name = _("Archive")

    def ready(self) -> None:
        from . import permissions  # noqa: F401 (registers the predicate the agreement page asks)
