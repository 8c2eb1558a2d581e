from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    name = "partnerships"
    verbose_name = _("Partnerships")

    def ready(self) -> None:
        from accounts.rights_history import track

        from .models import Committee

        track(Committee)  # a committee's changes are part of the access-rights history (issue 13)

        from core.case_files import register

        from .case_files import agreement_case_files

        register(agreement_case_files)  # the archive package (issue 23)
