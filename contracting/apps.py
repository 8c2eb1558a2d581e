from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContractingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "contracting"
    verbose_name = _("Agreement documents")

    def ready(self) -> None:
        from core.case_files import register

        from .case_files import agreement_document_files

        register(agreement_document_files)
