"""Who a user is beyond Django's auth: the partner organisation a partner user acts for."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PartnerMembership(models.Model):
    """A partner user (insatsledare) belongs to exactly one partner organisation."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="partner_membership",
        verbose_name=_("user"),
    )
    partner = models.ForeignKey(
        "partnerships.Partner", on_delete=models.PROTECT, related_name="members", verbose_name=_("partner")
    )

    class Meta:
        verbose_name = _("partner membership")
        verbose_name_plural = _("partner memberships")

    def __str__(self) -> str:
        return f"{self.user} – {self.partner}"
