from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    name = "partnerships"
    verbose_name = _("Partnerships")

    def ready(self) -> None:
        # Cache invalidation only (no business rule): a change to anything the overview
        # prints forgets the cached overviews (partnerships/overview.py).
        from . import models, overview

        for model in (
            models.Agreement,
            models.AgreementParty,
            models.Amendment,
            models.Partner,
            models.Committee,
        ):
            post_save.connect(
                overview.bump_version, sender=model, dispatch_uid=f"overview-save-{model.__name__}"
            )
            post_delete.connect(
                overview.bump_version, sender=model, dispatch_uid=f"overview-delete-{model.__name__}"
            )
