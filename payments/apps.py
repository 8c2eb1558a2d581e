from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "payments"
    verbose_name = _("Payments")

    def ready(self) -> None:
        from core.agreement_changes import register

        from .services import follow_agreement

        # Every function that saves an agreement's money or decides it calls its followers
        # (docs/decisions/0005-explicit-calls-for-payment-plans.md).
        register(follow_agreement)
