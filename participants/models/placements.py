"""Placements (placeringar): a participant in an agreement's activity, within its capacity."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from core.concurrency import version_field
from partnerships import years as plausible
from partnerships.models import Agreement

from ..dbfunctions import counted_until, date_value, overlap_days
from .people import Participant

if TYPE_CHECKING:
    from accounts.access import Access


# How long after a placement ended its partner still sees it (attendance, notes, follow-up).
PARTNER_SEES_ENDED_DAYS = 400
# How long an outcome after the activity stays listed as due once its day has come (issue 24).
OUTCOME_DUE_DAYS = 183


class PlacementQuerySet(models.QuerySet):
    def open(self) -> PlacementQuerySet:
        """Placements not yet ended (no actual end date)."""
        return self.filter(actual_end__isnull=True)

    def with_counts_until(self) -> PlacementQuerySet:
        return self.annotate(counts_until=counted_until())

    def overlapping(self, first: date, last: date) -> PlacementQuerySet:
        """Placements that cover at least one day of [first, last], by the occupancy rule."""
        return self.with_counts_until().filter(
            start__lte=date_value(last), counts_until__gte=date_value(first)
        )

    def overlapping_year(self, year: int) -> PlacementQuerySet:
        return self.overlapping(date(year, 1, 1), date(year, 12, 31))

    def with_days_in(self, first: date, last: date) -> PlacementQuerySet:
        """Annotate `days`: how many days of [first, last] each placement covers."""
        return self.annotate(days=overlap_days(first, last))

    def with_days_in_year(self, year: int) -> PlacementQuerySet:
        return self.with_days_in(date(year, 1, 1), date(year, 12, 31))

    def for_access(self, access: Access, *, committees_as_ids: bool = False) -> PlacementQuerySet:
        """A partner user the placements of its own organisation (`for_partner`); municipal
        staff with the view permission their committees' agreements' (`Access.in_committees`,
        `committees_as_ids` as there); anyone else none."""
        if access.is_partner:
            return self.for_partner(access.partner)
        if access.has_perm("participants.view_placement"):
            return access.in_committees(self, "agreement__committee", as_ids=committees_as_ids)
        return self.none()

    def changeable_by(self, access: Access) -> PlacementQuerySet:
        """Placements `access` may record on (end, start, notes, attendance): those it reaches,
        never one of a participant `gallra` anonymised, whose notes and attendance must not grow
        again."""
        return (
            self.for_access(access)
            .filter(participant__anonymised_at__isnull=True)
            .select_related("participant", "agreement")
        )

    def with_attendance_counts(self) -> PlacementQuerySet:
        """Annotate `days_present` and `days_absent` from the attendance partners report."""
        return self.annotate(
            days_present=models.Count("attendance", filter=Q(attendance__present=True)),
            days_absent=models.Count("attendance", filter=Q(attendance__present=False)),
        )

    def for_partner(self, partner, today: date | None = None) -> PlacementQuerySet:
        """What a partner's insatsledare may see: placements in the agreements `partner` is
        party to that are open or ended within the last year (the follow-up's year); older
        ones are no longer their business."""
        if partner is None:
            return self.none()
        today = today or timezone.localdate()
        return self.filter(
            Q(actual_end__isnull=True) | Q(actual_end__gte=today - timedelta(days=PARTNER_SEES_ENDED_DAYS)),
            agreement__in=Agreement.objects.decided().filter(parties__partner=partner),
        )

    def for_listing(self) -> PlacementQuerySet:
        return self.select_related("participant", "agreement")

    def starting_within(self, *, days: int, on: date) -> PlacementQuerySet:
        """Placements that start within `days` days from `on` (the coordinator's start page)."""
        return self.filter(start__gte=on, start__lte=on + timedelta(days=days))

    def ending_within(self, *, days: int, on: date) -> PlacementQuerySet:
        """Open placements whose planned end falls within `days` days from `on`."""
        return self.open().filter(planned_end__gte=on, planned_end__lte=on + timedelta(days=days))

    def outcome_due(self, *, on: date, months: int, within_days: int | None = None) -> PlacementQuerySet:
        """Ended placements of identified participants whose outcome `months` after the end
        (participants/models/outcomes.py) has come due on or before `on`, within the last
        `within_days` days (default `OUTCOME_DUE_DAYS`), and is not recorded: the coordinator's
        start page and the reminder job (issue 24). A calendar month is counted as
        `months_after` counts it, so a placement ended on 31 August is due on 28/29 February."""
        from .outcomes import PlacementOutcome, latest_end_due

        within_days = OUTCOME_DUE_DAYS if within_days is None else within_days
        recorded = PlacementOutcome.objects.filter(placement=OuterRef("pk"), months=months)
        return self.filter(
            actual_end__isnull=False,
            actual_end__lte=latest_end_due(on, months),
            actual_end__gt=latest_end_due(on - timedelta(days=within_days), months),
            participant__anonymised_at__isnull=True,
        ).exclude(Exists(recorded))

    def without_note_since(self, day: date) -> PlacementQuerySet:
        """Open placements running since before `day` with no progress note dated on or after it."""
        from .progress import ProgressNote

        recent = ProgressNote.objects.filter(placement=OuterRef("pk"), date__gte=day)
        return self.open().filter(start__lt=day).exclude(Exists(recent))


class PlacementStatus(models.TextChoices):
    ASSIGNED = "assigned", _("assigned")
    ONGOING = "ongoing", _("ongoing")
    ENDED = "ended", pgettext_lazy("placement", "ended")
    INTERRUPTED = "interrupted", _("interrupted")


OPEN_STATUSES = [PlacementStatus.ASSIGNED, PlacementStatus.ONGOING]


CLOSED_STATUSES = [PlacementStatus.ENDED, PlacementStatus.INTERRUPTED]


class EndReason(models.TextChoices):
    WORK = "work", _("work")
    STUDIES = "studies", _("studies")
    OTHER_ACTIVITY = "other_activity", _("another activity")
    ILL_HEALTH = "ill_health", _("ill health")
    MOVED = "moved", _("moved away")
    OWN_CHOICE = "own_choice", _("own choice")
    OTHER = "other", pgettext_lazy("end reason", "other")


class Placement(models.Model):
    """Anvisning: the coordinating function places a participant in an agreement's activity."""

    Status = PlacementStatus
    EndReason = EndReason
    OPEN_STATUSES = OPEN_STATUSES
    CLOSED_STATUSES = CLOSED_STATUSES

    participant = models.ForeignKey(
        Participant, on_delete=models.PROTECT, related_name="placements", verbose_name=_("participant")
    )
    agreement = models.ForeignKey(
        Agreement, on_delete=models.PROTECT, related_name="placements", verbose_name=_("agreement")
    )
    start = models.DateField(_("start"))
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    actual_end = models.DateField(_("actual end"), null=True, blank=True)
    days_per_week = models.PositiveSmallIntegerField(
        _("days per week"), default=2, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.ASSIGNED)
    end_reason = models.CharField(_("end reason"), max_length=20, choices=EndReason.choices, blank=True)
    goals = models.TextField(_("action plan goals"), blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assigned by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = version_field()

    history = HistoricalRecords(excluded_fields=["version"])
    objects = PlacementQuerySet.as_manager()

    class Meta:
        ordering = ["-start", "-pk"]
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        indexes = [
            # Occupancy of many agreements in a year (participants.occupancy.usage_by_agreement):
            # PostgreSQL reads the year's placements from this index alone, in agreement order,
            # and aggregates each agreement as it passes, with no sort and no hash (issue 10).
            # INCLUDE is PostgreSQL's; SQLite gets the plain (agreement, start) index.
            models.Index(
                fields=["agreement", "start"],
                include=["participant", "actual_end", "planned_end"],
                name="placement_occupancy",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_end__isnull=True) | Q(planned_end__gte=F("start")),
                name="placement_planned_end_after_start",
                violation_error_message=_("The planned end cannot be before the start."),
            ),
            models.CheckConstraint(
                condition=Q(actual_end__isnull=True) | Q(actual_end__gte=F("start")),
                name="placement_actual_end_after_start",
                violation_error_message=_("The end date cannot be before the start."),
            ),
            # Within the agreement (triggers on PostgreSQL), and on every database within the
            # register's years, so no date can make a page fail.
            models.CheckConstraint(
                condition=plausible.in_range("start")
                & plausible.in_range("planned_end", nullable=True)
                & plausible.in_range("actual_end", nullable=True),
                name="placement_dates_2000_2100",
                violation_error_message=_("A placement's dates lie from 2000-01-01 to 2100-12-31."),
            ),
            models.CheckConstraint(
                condition=Q(days_per_week__gte=1, days_per_week__lte=5),
                name="placement_days_per_week_1_5",
                violation_error_message=_("Days per week must be between 1 and 5."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=OPEN_STATUSES, actual_end__isnull=True, end_reason="")
                | (Q(status__in=CLOSED_STATUSES, actual_end__isnull=False, end_reason__in=EndReason.values)),
                name="placement_status_matches_end",
                violation_error_message=_(
                    "An ended or interrupted placement needs an end date and a reason; an open one has neither."
                ),
            ),
            models.UniqueConstraint(
                fields=["participant", "agreement"],
                condition=Q(actual_end__isnull=True),
                name="placement_one_open_per_agreement",
                violation_error_message=_("The participant already has an open placement in this agreement."),
            ),
            # "A placement lies within the agreement's validity" spans two tables, so the
            # database enforces it with triggers (migration 0002_placement_within_agreement).
        ]

    def __str__(self) -> str:
        return f"{self.participant} – {self.agreement.name} ({self.start:%Y-%m-%d})"

    @property
    def is_open(self) -> bool:
        return self.actual_end is None

    @property
    def last_counted_day(self) -> date:
        """Python twin of `dbfunctions.counted_until` (the occupancy rule)."""
        return self.actual_end or self.planned_end or self.agreement.valid_to

    @property
    def can_be_marked_started(self) -> bool:
        """An assigned placement whose start date has come (`assignment.mark_started`)."""
        return self.status == PlacementStatus.ASSIGNED and self.start <= timezone.localdate()

    def clean(self) -> None:
        """The placement lies within its agreement's validity (also enforced by triggers), and
        is not "ongoing" before its start date (a CHECK cannot know today's date)."""
        if self.agreement_id is None or self.start is None:
            return
        agreement = self.agreement
        errors = {}
        if self.status == PlacementStatus.ONGOING and self.start > timezone.localdate():
            errors["status"] = not_started_message(self.start)
        if not agreement.valid_from <= self.start <= agreement.valid_to:
            errors["start"] = outside_validity_message(agreement)
        for field in ("planned_end", "actual_end"):
            day = getattr(self, field)
            if day is not None and day > agreement.valid_to:
                errors[field] = outside_validity_message(agreement)
        if errors:
            raise ValidationError(errors)


def not_started_message(start: date) -> str:
    return _("The placement starts on %(start)s: it cannot be marked as started before then.") % {
        "start": f"{start:%Y-%m-%d}"
    }


def outside_validity_message(agreement: Agreement) -> str:
    return _("The placement must lie within the agreement's validity, %(start)s – %(end)s.") % {
        "start": f"{agreement.valid_from:%Y-%m-%d}",
        "end": f"{agreement.valid_to:%Y-%m-%d}",
    }
