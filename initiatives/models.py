"""An organisation's initiative to an IOP, and its assessment by the committee's officials (issue 23).

Linköping's guideline (KS2016-313, first criterion) says the activity must come from the
civil-society side: an initiative is that proposal, as the organisation wrote it, with the
question-and-answer thread of its completion, each guideline criterion as the organisation sees
it and as the officials assess it, and the decision to proceed (a draft agreement is made from it,
`agreement`) or to decline (with a reason the organisation is told).
"""

from __future__ import annotations

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from audit.models import Action, AppendOnlyModel
from core.outbox import DeliveryQuerySet, EmailDelivery
from partnerships.models import Agreement, Committee, Partner
from partnerships.models.attachments import attachments_storage
from partnerships.models.fields import money_field
from partnerships.validators import validate_organisation_number
from partnerships.years import in_range, validate_plausible_date

# What an initiative holds about a person (the contact person), and what gallring clears.
PERSONAL_FIELDS = ("contact_name", "contact_email", "contact_phone")


def new_token() -> str:
    return secrets.token_urlsafe(32)


class InitiativeQuerySet(models.QuerySet):
    def for_access(self, access) -> InitiativeQuerySet:
        """The initiatives `access` reaches: officials (and systemförvaltare) their committees',
        a partner user its own organisation's, anyone else none."""
        if access.is_partner:
            return self.filter(partner=access.partner) if access.partner else self.none()
        if access.has_perm("initiatives.view_initiative"):
            return access.in_committees(self)
        return self.none()

    def find(self, text: str) -> InitiativeQuerySet:
        """What the access log's search (audit/logs.py) typed: "#12" that initiative, anything else
        a part of its title, organisation, organisation number or case number."""
        text = text.strip()
        if text.startswith("#"):
            number = text[1:].strip()
            return self.filter(pk=int(number)) if number.isdigit() and len(number) < 10 else self.none()
        return self.filter(
            Q(title__icontains=text)
            | Q(organisation_name__icontains=text)
            | Q(organisation_number__icontains=text)
            | Q(dnr__icontains=text)
        )

    def open(self) -> InitiativeQuerySet:
        """Not yet decided: what the officials' start page lists."""
        return self.filter(status__in=[Initiative.Status.SUBMITTED, Initiative.Status.COMPLETION])


class Initiative(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("submitted")
        COMPLETION = "completion", _("completion requested")
        PROCEEDED = "proceeded", _("proceeded to an agreement")
        DECLINED = "declined", _("declined")

    committee = models.ForeignKey(
        Committee, on_delete=models.PROTECT, related_name="initiatives", verbose_name=_("committee")
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.SUBMITTED)
    dnr = models.CharField(_("case number (Dnr)"), max_length=40, blank=True)
    title = models.CharField(_("name of the activity"), max_length=200)
    organisation_name = models.CharField(_("organisation"), max_length=200)
    organisation_number = models.CharField(
        _("organisation number"),
        max_length=11,
        validators=[validate_organisation_number],
        help_text=_("Ten digits, e.g. 802002-4280."),
    )
    partner = models.ForeignKey(
        Partner,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="initiatives",
        verbose_name=_("partner"),
    )
    contact_name = models.CharField(_("contact person"), max_length=200)
    contact_email = models.EmailField(_("contact person's e-mail"))
    contact_phone = models.CharField(_("contact person's phone"), max_length=40, blank=True)
    problem = models.TextField(_("the problem, in the organisation's own words"))
    target_group = models.TextField(_("target group"))
    activities = models.TextField(_("activities"))
    period_from = models.DateField(_("from"), validators=[validate_plausible_date])
    period_to = models.DateField(_("to"), validators=[validate_plausible_date])
    own_money = money_field(_("money per year"), default=0)
    own_premises = money_field(_("premises per year"), default=0)
    own_staff = money_field(_("staff per year"), default=0)
    own_volunteers = money_field(_("volunteers per year"), default=0)
    own_in_kind = money_field(_("other in kind per year"), default=0)
    requested_per_year = money_field(_("contribution asked of the committee per year"))
    guideline = models.ForeignKey(
        "partnerships.Guideline", on_delete=models.PROTECT, related_name="+", verbose_name=_("guideline")
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decision_reason = models.TextField(_("reason"), blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    agreement = models.OneToOneField(
        Agreement,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="initiative",
        verbose_name=_("agreement"),
    )
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["token"])
    objects = InitiativeQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_to__gte=F("period_from")),
                name="initiative_period_ordered",
                violation_error_message=_("The period must end on or after its first day."),
            ),
            models.CheckConstraint(
                condition=in_range("period_from") & in_range("period_to"),
                name="initiative_period_2000_2100",
                violation_error_message=_("The period lies from 2000-01-01 to 2100-12-31."),
            ),
            models.CheckConstraint(
                condition=Q(
                    own_money__gte=0,
                    own_premises__gte=0,
                    own_staff__gte=0,
                    own_volunteers__gte=0,
                    own_in_kind__gte=0,
                    requested_per_year__gte=0,
                ),
                name="initiative_amounts_not_negative",
            ),
            models.CheckConstraint(
                condition=~Q(status="declined") | (~Q(decision_reason="") & Q(decided_at__isnull=False)),
                name="initiative_declined_with_reason",
                violation_error_message=_("A declined initiative needs the reason the organisation is told."),
            ),
            models.CheckConstraint(
                condition=~Q(status="proceeded") | Q(decided_at__isnull=False),
                name="initiative_proceeded_decided",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.organisation_name})"

    def get_absolute_url(self) -> str:
        return reverse("initiatives:detail", args=[self.pk])

    @property
    def own_contribution_per_year(self):
        return self.own_money + self.own_premises + self.own_staff + self.own_volunteers + self.own_in_kind

    @property
    def value_per_year(self):
        """Both parties together: what the agreement drafted from it is worth a year."""
        return self.own_contribution_per_year + self.requested_per_year

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.SUBMITTED, self.Status.COMPLETION)


class InitiativeCriterion(models.Model):
    """One criterion of the initiative's guideline: how the organisation sees it, and the
    officials' assessment (met or not, and why)."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="criteria")
    number = models.PositiveSmallIntegerField(_("criterion"))
    organisation_view = models.TextField(_("the organisation's view"), blank=True)
    met = models.BooleanField(_("met"), null=True)
    justification = models.TextField(_("justification"), blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["initiative", "number"]
        verbose_name = _("assessed criterion")
        verbose_name_plural = _("assessed criteria")
        constraints = [
            models.UniqueConstraint(fields=["initiative", "number"], name="initiative_criterion_once"),
            models.CheckConstraint(
                condition=Q(met__isnull=True) | ~Q(justification=""),
                name="initiative_criterion_assessed_with_justification",
                violation_error_message=_("An assessment needs its justification."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.number)


class Message(models.Model):
    """The completion thread: the officials' questions and the organisation's answers."""

    class Author(models.TextChoices):
        MUNICIPALITY = "municipality", _("the municipality")
        ORGANISATION = "organisation", _("the organisation")

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="messages")
    author = models.CharField(_("from"), max_length=12, choices=Author.choices)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    text = models.TextField(_("message"))
    created_at = models.DateTimeField(_("written"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")

    def __str__(self) -> str:
        return f"{self.get_author_display()} {self.created_at:%Y-%m-%d}"


def attachment_path(instance: InitiativeAttachment, filename: str) -> str:
    return f"initiatives/{instance.initiative_id}/{uuid.uuid4().hex}"


class InitiativeAttachment(models.Model):
    class Kind(models.TextChoices):
        STATUTES = "statutes", _("statutes")
        ANNUAL_REPORT = "activity_report", _("annual activity report")
        ACCOUNTS = "accounts", _("annual accounts")

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    file = models.FileField(_("file"), storage=attachments_storage, upload_to=attachment_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=120)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField("SHA-256", max_length=64)
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "pk"]
        verbose_name = _("initiative attachment")
        verbose_name_plural = _("initiative attachments")
        constraints = [
            models.CheckConstraint(condition=Q(size__gt=0), name="initiative_attachment_not_empty")
        ]

    def __str__(self) -> str:
        return self.original_name


class Mail(EmailDelivery):
    """An e-mail to the organisation's contact person: the receipt with the private link, a
    question, the decision (core/outbox.py: tried at once, kept and shown when it fails)."""

    class Kind(models.TextChoices):
        RECEIPT = "receipt", _("receipt")
        QUESTION = "question", _("question")
        DECISION = "decision", _("decision")

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="mails")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    # Kept as sent, so a retry (the daily job) sends the same e-mail.
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    body = models.TextField(_("text"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("e-mail to an organisation")
        verbose_name_plural = _("e-mails to organisations")


class AccessLogEntry(AppendOnlyModel):
    """Who saw an initiative's contact person, when and on which page: the participants' access
    log (audit app) for the personal data an initiative holds. Append-only like it."""

    at = models.DateTimeField(_("time"), default=timezone.now, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("user")
    )
    initiative = models.ForeignKey(
        Initiative, on_delete=models.PROTECT, related_name="access_log", verbose_name=_("initiative")
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    url_name = models.CharField(_("page"), max_length=100)
    path = models.CharField(_("path"), max_length=300)

    class Meta(AppendOnlyModel.Meta):
        ordering = ["-at", "-pk"]
        verbose_name = _("initiative access log entry")
        verbose_name_plural = _("initiative access log")


class RetentionRun(AppendOnlyModel):
    """One run of the initiatives' gallring: how many declined initiatives lost their personal data."""

    started_at = models.DateTimeField(_("run at"), default=timezone.now, editable=False)
    retention_months = models.PositiveSmallIntegerField(_("retention period (months)"))
    initiatives = models.PositiveIntegerField(_("initiatives anonymised"), default=0)
    initiative_ids = models.JSONField(_("initiative ids"), default=list, blank=True)

    class Meta(AppendOnlyModel.Meta):
        ordering = ["-started_at", "-pk"]
        verbose_name = _("initiative retention run")
        verbose_name_plural = _("initiative retention runs")
