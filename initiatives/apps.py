from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "initiatives"
    verbose_name = _("Initiatives")

    def ready(self) -> None:
        from core.case_files import register

        from .case_files import initiative_files

        register(initiative_files)  # the initiative and its assessment in the archive package (issue 23)
