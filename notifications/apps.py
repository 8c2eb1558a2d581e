from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Reminders")

    def ready(self) -> None:
        from partnerships import budget

        from .reminders import warn_over_frame

        # a draft saved or renewed over its committee's budget frame (issue 24)
        budget.on_excess(warn_over_frame)
