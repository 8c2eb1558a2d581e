"""The committee's decision on a memo and the memo's dispatch (issue 23).

After the meeting the secretary (or an official) records what the committee decided: the
meeting's date, the paragraph (§) of its minutes, the decision's text and, where the committee
delegates the signing, who signs ("integration- och arbetsmarknadsdirektören", the IKF decision memo (docs/domain.md)). The
memo's "Beslutet skickas till" is a list of recipients chosen per memo, from the committee's
standard recipients, the agreement's partners and free ones; each records when and how it was
sent (e-mail through core/outbox.py, or by post or internal mail, recorded by hand).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.concurrency import version_field
from core.outbox import EmailDelivery
from partnerships import years as plausible
from partnerships.models import Committee

from .memos import Memo

PARAGRAPH_MAX_LENGTH = 20


class CommitteeDecision(models.Model):
    """What the committee decided on a memo (protokollsutdrag): one per memo."""

    memo = models.OneToOneField(
        Memo, on_delete=models.PROTECT, related_name="decision", verbose_name=_("memo")
    )
    meeting_date = models.DateField(_("meeting date"), validators=[plausible.validate_plausible_date])
    paragraph = models.CharField(
        _("paragraph (§)"),
        max_length=PARAGRAPH_MAX_LENGTH,
        help_text=_("The paragraph of the minutes, e.g. 45 (printed “§ 45”)."),
    )
    text = models.TextField(_("decision"), help_text=_("The committee's decision as the minutes word it."))
    delegated_signatory = models.CharField(
        _("signs under delegation"),
        max_length=200,
        blank=True,
        help_text=_(
            "Who the committee commissions to sign, e.g. “integration- och arbetsmarknadsdirektören”."
        ),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)
    version = version_field()

    history = HistoricalRecords(excluded_fields=["recorded_at", "version"])

    class Meta:
        verbose_name = _("committee decision")
        verbose_name_plural = _("committee decisions")
        constraints = [
            models.CheckConstraint(
                condition=plausible.in_range("meeting_date"),
                name="committeedecision_date_2000_2100",
                violation_error_message=_("A meeting's date lies from 2000-01-01 to 2100-12-31."),
            ),
            models.CheckConstraint(
                condition=~Q(paragraph="") & ~Q(text=""),
                name="committeedecision_paragraph_and_text",
                violation_error_message=_("A decision needs its paragraph and its text."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting_date:%Y-%m-%d} § {self.paragraph}"


class StandardRecipient(models.Model):
    """Someone a committee's decisions are usually sent to (ekonomienheten, a unit, the
    registrar): offered on every memo of the committee. Data, edited in the admin."""

    committee = models.ForeignKey(
        Committee, on_delete=models.CASCADE, related_name="standard_recipients", verbose_name=_("committee")
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["committee", "order", "name"]
        verbose_name = _("standard recipient")
        verbose_name_plural = _("standard recipients")
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "name"],
                name="standardrecipient_once_per_committee",
                violation_error_message=_("The committee already has a standard recipient with this name."),
            ),
            models.CheckConstraint(
                condition=~Q(name=""),
                name="standardrecipient_has_name",
                violation_error_message=_("A recipient needs a name."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class MemoRecipient(EmailDelivery):
    """One line of the memo's "Beslutet skickas till", and how the decision was sent to it."""

    class Method(models.TextChoices):
        EMAIL = "email", _("e-mail")
        POST = "post", _("post")
        INTERNAL = "internal", _("internal mail")

    memo = models.ForeignKey(
        Memo, on_delete=models.CASCADE, related_name="recipients", verbose_name=_("memo")
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    method = models.CharField(_("sent by"), max_length=10, choices=Method.choices, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sent by (user)"),
    )

    history = HistoricalRecords(excluded_fields=["attempts", "last_attempt_at", "error"])

    class Meta:
        ordering = ["memo", "order", "pk"]
        verbose_name = _("recipient of the decision")
        verbose_name_plural = _("recipients of the decision")
        constraints = [
            models.UniqueConstraint(
                fields=["memo", "name"],
                name="memorecipient_once_per_memo",
                violation_error_message=_("The memo already has a recipient with this name."),
            ),
            models.CheckConstraint(
                condition=~Q(name=""),
                name="memorecipient_has_name",
                violation_error_message=_("A recipient needs a name."),
            ),
            # Not sent: no method and no time. By post or internal mail: recorded with its time.
            # By e-mail: the time once the mail server took it (a failed try keeps the method).
            models.CheckConstraint(
                condition=Q(method="", sent_at__isnull=True)
                | Q(method="email")
                | Q(method__in=["post", "internal"], sent_at__isnull=False),
                name="memorecipient_sent_with_method",
                violation_error_message=_("A sent decision records how it was sent."),
            ),
            models.CheckConstraint(
                condition=~Q(method="email") | ~Q(email=""),
                name="memorecipient_email_has_address",
                violation_error_message=_("A recipient without an e-mail address cannot be sent an e-mail."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_sent(self) -> bool:
        return self.sent_at is not None
