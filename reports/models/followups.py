"""Yearly follow-ups (uppföljningar) of an agreement."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.concurrency import version_field
from partnerships import years as plausible
from partnerships.models import Agreement, AgreementParty, Committee

if TYPE_CHECKING:
    from accounts.access import Access


YEAR_VALIDATORS = [MinValueValidator(plausible.FIRST_YEAR), MaxValueValidator(plausible.LAST_YEAR)]


class FollowUpQuerySet(models.QuerySet):
    def for_year(self, year: int) -> FollowUpQuerySet:
        return self.filter(year=year)

    def approved(self) -> FollowUpQuerySet:
        return self.filter(status=FollowUp.Status.APPROVED)

    def submitted(self) -> FollowUpQuerySet:
        """Submitted and waiting for an approver."""
        return self.filter(status=FollowUp.Status.SUBMITTED)

    def sent_back(self) -> FollowUpQuerySet:
        """Drafts a reviewer sent back to their author with a reason."""
        return self.filter(status=FollowUp.Status.DRAFT, returned_at__isnull=False)

    def _deadline_before(self, last_day: date) -> FollowUpQuerySet:
        """Follow-ups whose committee's deadline (`Committee.follow_up_deadline`) falls on or before
        `last_day`. Each committee has its own deadline, so one condition per committee (a handful)."""
        condition = Q(pk__in=[])
        for committee in Committee.objects.filter(agreements__follow_ups__in=self).distinct():
            condition |= Q(agreement__committee=committee, year__lte=committee.last_reported_year(last_day))
        return self.filter(condition)

    def due(self, *, on: date, within: int = 30) -> FollowUpQuerySet:
        """Not yet submitted, and due within `within` days from `on` (not yet overdue): the
        reminder 30 days before the deadline, and the start pages' "due" list (issue 12)."""
        open_ = self.filter(status=FollowUp.Status.DRAFT)
        return open_._deadline_before(on + timedelta(days=within)).exclude(
            pk__in=open_._deadline_before(on - timedelta(days=1)).values("pk")
        )

    def overdue(self, *, on: date) -> FollowUpQuerySet:
        """Not yet submitted and its deadline has passed (the deadline day itself is not overdue)."""
        return self.filter(status=FollowUp.Status.DRAFT)._deadline_before(on - timedelta(days=1))

    def with_deadline(self, limit: int | None = None) -> list[FollowUp]:
        """The follow-ups (the first `limit` of them) as a list, each with `deadline` set, in one query."""
        selected = self.select_related("agreement__committee")
        rows = list(selected[:limit] if limit is not None else selected)
        for row in rows:
            row.deadline = row.agreement.committee.follow_up_deadline(row.year)
        return rows

    def for_access(self, access: Access) -> FollowUpQuerySet:
        """A partner user its own agreements' follow-ups (the portal); municipal staff with the
        permission their committees' (`Access.in_committees`); anyone else none."""
        if access.is_partner:
            return self.filter(agreement__in=Agreement.objects.for_access(access))
        if access.has_perm("reports.view_followup"):
            return access.in_committees(self, "agreement__committee")
        return self.none()


class FollowUp(models.Model):
    """Återrapport: what an agreement's activity did in one calendar year (docs/domain.md, follow-up memo,
    "Sammanfattning och återrapport 2021"). One per agreement and year."""

    class DeliveryMode(models.TextChoices):
        PHYSICAL = "physical", _("physical")
        DIGITAL = "digital", _("digital")
        MIXED = "mixed", _("mixed")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        APPROVED = "approved", _("approved")

    agreement = models.ForeignKey(
        Agreement, on_delete=models.PROTECT, related_name="follow_ups", verbose_name=_("agreement")
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    enrolled = models.PositiveIntegerField(
        _("enrolled participants"),
        null=True,
        blank=True,
        help_text=_("Prefilled from the placements; give a reason if you change it."),
    )
    enrolled_from_placements = models.PositiveIntegerField(
        _("enrolled according to the placements"), null=True, blank=True, editable=False
    )
    enrolled_override_reason = models.TextField(_("reason for a different figure"), blank=True)
    delivery_mode = models.CharField(
        _("delivery mode"), max_length=10, choices=DeliveryMode.choices, blank=True
    )
    summary = models.TextField(_("summary"), blank=True)
    challenges = models.TextField(_("challenges"), blank=True)
    results = models.TextField(_("results"), blank=True)
    # The figures the follow-up memo needs of the year (issue 24): of the enrolled, how many went
    # on to work or studies, by sex. Reported by the partner, approved with the rest.
    to_work_or_studies_women = models.PositiveIntegerField(
        _("women who went on to work or studies"), null=True, blank=True
    )
    to_work_or_studies_men = models.PositiveIntegerField(
        _("men who went on to work or studies"), null=True, blank=True
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    # Why the reviewer sent the follow-up back to its author, shown to the author until they
    # submit again; submitting clears it, and the history keeps it.
    returned_reason = models.TextField(_("reason for sending it back"), blank=True)
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sent back by"),
    )
    returned_at = models.DateTimeField(_("sent back at"), null=True, blank=True)
    version = version_field()

    history = HistoricalRecords(excluded_fields=["version"])
    objects = FollowUpQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "agreement__name"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        permissions = [("approve_followup", _("Can approve follow-ups"))]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "year"],
                name="followup_once_per_agreement_and_year",
                violation_error_message=_("This agreement already has a follow-up for that year."),
            ),
            models.CheckConstraint(
                condition=plausible.years_in_range("year"),
                name="followup_year_2000_2100",
                violation_error_message=_("Enter a year from 2000 to 2100."),
            ),
            models.CheckConstraint(
                condition=Q(enrolled_from_placements__isnull=True)
                | Q(enrolled__isnull=False, enrolled=F("enrolled_from_placements"))
                | ~Q(enrolled_override_reason=""),
                name="followup_override_needs_reason",
                violation_error_message=_(
                    "The number of enrolled participants differs from the placements: give a reason."
                ),
            ),
            models.CheckConstraint(
                condition=Q(status="draft", submitted_at__isnull=True, approved_at__isnull=True)
                | Q(status="submitted", submitted_at__isnull=False, approved_at__isnull=True)
                | Q(status="approved", submitted_at__isnull=False, approved_at__isnull=False),
                name="followup_status_has_its_timestamps",
                violation_error_message=_(
                    "The follow-up's status does not match when it was submitted and approved."
                ),
            ),
            models.CheckConstraint(
                condition=Q(returned_at__isnull=True, returned_reason="")
                | (Q(status="draft", returned_at__isnull=False) & ~Q(returned_reason="")),
                name="followup_sent_back_as_a_draft_with_a_reason",
                violation_error_message=_("A follow-up is sent back as a draft, and with a reason."),
            ),
            models.CheckConstraint(
                condition=Q(enrolled__isnull=True)
                | Q(
                    enrolled__gte=Coalesce(F("to_work_or_studies_women"), 0)
                    + Coalesce(F("to_work_or_studies_men"), 0)
                ),
                name="followup_outcomes_within_enrolled",
                violation_error_message=_(
                    "More went on to work or studies than were enrolled: check the figures."
                ),
            ),
            models.CheckConstraint(
                condition=Q(approved_by__isnull=True) | ~Q(approved_by=F("submitted_by")),
                name="followup_approved_by_someone_else",
                violation_error_message=_(
                    "A follow-up must be approved by someone other than the one who submitted it."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agreement.name} {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("reports:followup_detail", args=[self.pk])

    def clean(self) -> None:
        """A follow-up reports on a year the agreement ran (a rule across two tables, so it is
        checked here and by the views rather than by a database constraint)."""
        super().clean()
        agreement = self.agreement if self.agreement_id else None
        if (
            agreement
            and self.year
            and not (agreement.valid_from.year <= self.year <= agreement.valid_to.year)
        ):
            raise ValidationError(_("The agreement did not run in %(year)s.") % {"year": self.year})

    def reported_contributions_by_partner(self) -> dict[int | None, Decimal]:
        """Money and in kind each party reported for the year, by partner id (None: the
        committee): what the key-figures builder reads (reports/keyfigures.py). Reads the
        prefetched `contributions` when the caller prefetched them."""
        return {
            (row.party.partner_id if row.party_id else None): (row.money or 0) + (row.in_kind or 0)
            for row in self.contributions.all()
            if row.money is not None or row.in_kind is not None
        }

    @property
    def is_editable(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def is_reviewable(self) -> bool:
        """Waiting for approval: only a submitted follow-up is approved or sent back."""
        return self.status == self.Status.SUBMITTED

    @property
    def outcomes_reported(self) -> dict[str, int] | None:
        """How many of the year's participants went on to work or studies, as the partner
        reported it: {"women", "men", "total"}; None until both figures are given. What the key
        figures read of the follow-up (issue 24), with `reports.followups.contributions.reported_contributions`."""
        women, men = self.to_work_or_studies_women, self.to_work_or_studies_men
        if women is None or men is None:
            return None
        return {"women": women, "men": men, "total": women + men}


class ReportedContribution(models.Model):
    """What one party actually contributed in the follow-up's year, in money and in kind (issue
    24): the committee (no party) or one of the agreement's parties. Set against what the
    agreement promised (`reports.followups.contributions.reported_contributions`)."""

    follow_up = models.ForeignKey(
        FollowUp, on_delete=models.CASCADE, related_name="contributions", verbose_name=_("follow-up")
    )
    party = models.ForeignKey(
        AgreementParty,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reported_contributions",
        verbose_name=_("party"),
        help_text=_("Empty for the committee."),
    )
    money = models.DecimalField(
        _("money"), max_digits=12, decimal_places=0, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    in_kind = models.DecimalField(
        _("in kind"),
        max_digits=12,
        decimal_places=0,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["follow_up", "party__order", "pk"]
        verbose_name = _("reported contribution")
        verbose_name_plural = _("reported contributions")
        constraints = [
            models.UniqueConstraint(
                fields=["follow_up", "party"],
                condition=Q(party__isnull=False),
                name="contribution_once_per_party_and_follow_up",
            ),
            models.UniqueConstraint(
                fields=["follow_up"],
                condition=Q(party__isnull=True),
                name="committee_contribution_once_per_follow_up",
            ),
            models.CheckConstraint(
                condition=(Q(money__isnull=True) | Q(money__gte=0))
                & (Q(in_kind__isnull=True) | Q(in_kind__gte=0)),
                name="contribution_not_negative",
                violation_error_message=_("A contribution cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.follow_up} – {self.party.partner if self.party_id else self.follow_up.agreement.committee}"
