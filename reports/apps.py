from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Follow-ups and memos")

    def ready(self) -> None:
        from accounts.rights_history import track

        from .models import MemoDefaults

        track(MemoDefaults, "committee")  # shown in the access-rights history (issue 13)

        from core.case_files import register

        from .case_files import agreement_case_files

        register(agreement_case_files)  # the archive package (issue 23)

        from partnerships import public

        from . import opendata

        # each decided agreement's results on /offentligt/ (issue 24)
        public.provide_results(opendata.results_by_agreement, models=opendata.SHOWN)
