"""Who a user is beyond Django's auth: the partner organisation a partner user acts for, and
the committees a municipal user works for."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import User
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history import register
from simple_history.models import HistoricalRecords

from core.outbox import DeliveryQuerySet, EmailDelivery

# The history of access rights (issue 13, accounts/rights_history.py): who made a user active,
# staff or superuser, and which roles (groups) they had after each change. The password and the
# last login are left out (a login is no change of rights; accounts.apps stores it without a save).
register(User, app="accounts", m2m_fields=["groups"], excluded_fields=["password", "last_login"])


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

    history = HistoricalRecords()

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


class Invitation(EmailDelivery):
    """A one-time link by e-mail that lets a person choose a password and become a user of a
    partner organisation (accounts/invitations.py). Only the token's SHA-256 is stored: the
    database alone does not give anyone a working link. Its e-mail is retried like a
    reminder's when the mail server is down (core.outbox.EmailDelivery)."""

    email = models.EmailField(_("e-mail address"))
    partner = models.ForeignKey(
        "partnerships.Partner",
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("partner"),
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("invited by")
    )
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invitation",
        verbose_name=_("account created"),
    )

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=True) | Q(accepted_at__isnull=False),
                name="invitation_user_only_when_accepted",
                violation_error_message=_("Only an accepted invitation has an account."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.email} – {self.partner}"


class SecurityEventKind(models.TextChoices):
    INVITED = "invited", _("invited to a partner organisation")
    INVITATION_ACCEPTED = "invitation_accepted", _("invitation accepted, account created")
    DEACTIVATED = "deactivated", _("deactivated")
    REACTIVATED = "reactivated", _("reactivated")
    RECOVERY_CODES = "recovery_codes", _("new recovery codes made")
    RECOVERY_CODE_USED = "recovery_code_used", _("logged in with a recovery code")
    SECOND_FACTOR_RESET = "second_factor_reset", _("second factor reset")


class SecurityEvent(models.Model):
    """Something done to an account that its history must show (accounts/events.py): an
    invitation sent or accepted, a user deactivated or reactivated, recovery codes made, a
    second factor reset by a systemförvaltare. Written once, never changed (the admin is
    view-only)."""

    Kind = SecurityEventKind

    at = models.DateTimeField(_("time"), default=timezone.now, editable=False)
    kind = models.CharField(_("event"), max_length=30, choices=Kind.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="security_events",
        verbose_name=_("user"),
    )
    detail = models.CharField(_("detail"), max_length=300, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("account event")
        verbose_name_plural = _("account events")
        indexes = [models.Index(fields=["-at"], name="accounts_event_at")]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=SecurityEventKind.values),
                name="security_event_kind_known",
                violation_error_message=_("Unknown event."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_kind_display()}"


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
