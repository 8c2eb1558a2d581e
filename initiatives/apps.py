from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "initiatives"
    verbose_name = _("Initiatives")

    def ready(self) -> None:
        from core.case_files import register

        from .case_files import initiative_files

        register(initiative_files)  # the initiative and its assessment in the archive package (issue 23)

        from audit.logs import SubjectLog
        from audit.logs import register as register_log

        from .models import AccessLogEntry, Initiative

        # Who saw an initiative's contact person, searched at /audit/ with the participants' log.
        register_log(
            SubjectLog(
                kind="initiative",
                label=_("Initiative"),
                search_label=_("Initiative: #number, title or organisation"),
                model=AccessLogEntry,
                subject="initiative",
                find=Initiative.objects.find,
                detail_url_name="initiatives:detail",
                view_permission="initiatives.view_initiative",
                url_names=("initiatives:detail", "admin:initiatives_initiative_change"),
            )
        )
