"""Who a user is beyond Django's auth: the partner organisation a partner user acts for, and
the committees a municipal user works for."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


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


class CommitteeMembership(models.Model):
    """A municipal user works for a committee (nämnd). Read into `request.access.committees`;
    whether it narrows what they see is decided in one place, `Access.sees_all_committees`."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="committee_memberships",
        verbose_name=_("user"),
    )
    committee = models.ForeignKey(
        "partnerships.Committee",
        on_delete=models.PROTECT,
        related_name="members",
        verbose_name=_("committee"),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["committee__name", "user__username"]
        verbose_name = _("committee membership")
        verbose_name_plural = _("committee memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "committee"],
                name="committee_membership_once",
                violation_error_message=_("The user is already a member of this committee."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.committee}"


class SingleSignOnIdentity(models.Model):
    """The municipality's OpenID Connect provider's subject (`sub`) for a user who logs in with
    single sign-on (accounts/sso.py): who they are is the subject, never the user name, so a
    provider account cannot take over a local one."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="single_sign_on",
        verbose_name=_("user"),
    )
    subject = models.CharField(_("subject at the identity provider"), max_length=255, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("single sign-on identity")
        verbose_name_plural = _("single sign-on identities")

    def __str__(self) -> str:
        return f"{self.user} ({self.subject})"
