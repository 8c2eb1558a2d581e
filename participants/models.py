"""Participants (deltagare), their placements (anvisningar) in agreements' activities, and
the progress notes the coordinator and the partner's insatsledare keep (seed 003: "Anvisningen
kommer att ske genom den koordinerande funktionen ... som sedan kommer att följa upp individens
deltagande och progression tillsammans med insatsledare")."""

from __future__ import annotations

import unicodedata
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import Length
from django.db.models.lookups import Exact
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from core.concurrency import version_field
from partnerships import years as plausible
from partnerships.models import Agreement, Level

from . import personnummer
from .dbfunctions import OnlyAsciiDigits, counted_until, date_value, overlap_days

if TYPE_CHECKING:
    from accounts.access import Access


class Gender(models.TextChoices):
    WOMAN = "woman", _("woman")
    MAN = "man", _("man")
    OTHER = "other", pgettext_lazy("gender", "other")
    UNKNOWN = "unknown", _("not stated")


MAX_ID = 2**63 - 1  # the largest bigint: a longer "#id" names nobody, and must not reach the database


class ParticipantQuerySet(models.QuerySet):
    def for_access(self, access: Access) -> ParticipantQuerySet:
        """Coordinators see the participants placed (now or before) in their committees'
        agreements, and those not yet placed anywhere, who belong to no committee yet: the
        coordinating function registers people before a committee is chosen (issue 13). So a
        coordinator in no committee sees only those not yet placed.
        Administrators see every participant; nobody else sees any (a partner sees the people
        placed with it through `Placement.objects.for_access`). Within a participant, only the
        placements `Placement.objects.for_access` reaches are shown (`with_placements`)."""
        if not access.has_perm("participants.view_participant"):
            return self.none()
        if access.sees_all_committees:
            return self
        placements = Placement.objects.filter(participant=OuterRef("pk"))
        ours = access.in_committees(placements, "agreement__committee")
        return self.filter(Exists(ours) | ~Exists(placements))

    def identified(self) -> ParticipantQuerySet:
        """Participants whose identifiers are still held (not anonymised by `gallra`)."""
        return self.filter(anonymised_at__isnull=True)

    def anonymised(self) -> ParticipantQuerySet:
        return self.filter(anonymised_at__isnull=False)

    def due_for_retention(self, cutoff: date) -> ParticipantQuerySet:
        """Identified participants whose identifiers are due to be removed (`participants.retention`):
        no open placement, and the last placement ended on or before `cutoff`; a participant never
        placed is due when registered on or before `cutoff`. Annotates `last_end` (None if never
        placed)."""
        placements = Placement.objects.filter(participant=OuterRef("pk"))
        last_end = (
            placements.filter(actual_end__isnull=False).order_by("-actual_end").values("actual_end")[:1]
        )
        return (
            self.identified()
            .exclude(Exists(placements.filter(actual_end__isnull=True)))
            .annotate(last_end=Subquery(last_end, output_field=models.DateField()))
            .filter(Q(last_end__lte=cutoff) | (~Exists(placements) & Q(created_at__date__lte=cutoff)))
        )

    def search(self, text: str) -> ParticipantQuerySet:
        """Name (first, last or both, in any order), a whole personnummer typed any accepted
        way, or the last four digits of the number. Fullwidth digits count as 0–9 (NFKC);
        digits of other scripts match nobody, as no stored number holds them."""
        text = " ".join(unicodedata.normalize("NFKC", text).split())
        if not text:
            return self
        if text.isdigit():
            if len(text) == 4 and text.isascii():
                return self.filter(personnummer__endswith=text)
            if len(text) != 12 or not text.isascii():
                return self.none()
        try:
            return self.filter(personnummer=personnummer.parse(text))
        except ValidationError:
            pass
        query = Q()
        for word in text.split(" "):
            query &= Q(first_name__icontains=word) | Q(last_name__icontains=word)
        return self.filter(query)

    def find(self, text: str) -> ParticipantQuerySet:
        """What a search for one person is typed as: "#123" finds that id (an anonymised
        participant has nothing else left to find it by), a whole personnummer or
        samordningsnummer (any accepted form) that person, anything else `search`."""
        text = unicodedata.normalize("NFKC", text).strip()
        if text.startswith("#"):
            number = text[1:]
            if number.isascii() and number.isdigit() and int(number) <= MAX_ID:
                return self.filter(pk=int(number))
            return self.none()
        try:
            digits = personnummer.parse(text)
        except ValidationError:
            return self.search(text)
        return self.filter(personnummer=digits)

    def with_placements(self, access: Access | None = None) -> ParticipantQuerySet:
        """Prefetch each participant's placements (newest first) with their agreements: those
        `access` reaches (another committee's placements stay out of sight), or all."""
        placements = Placement.objects.select_related("agreement").order_by("-start", "-pk")
        if access is not None:
            placements = placements.for_access(access)
        return self.prefetch_related(models.Prefetch("placements", queryset=placements))


class Participant(models.Model):
    """A person the coordinating function assigns to activities.

    After the retention period (`python manage.py gallra`, `participants.retention`) the row
    stays, so placements, yearly figures and the access log keep pointing at it, but everything
    that identifies the person is removed: the personnummer becomes NULL, the names and contact
    details empty, and `anonymised_at` records when. Gender and level stay: the committee's
    yearly figures are broken down by gender, and neither identifies anyone on its own.
    """

    personnummer = models.CharField(
        _("personnummer or samordningsnummer"),
        max_length=12,
        unique=True,  # NULLs (anonymised participants) do not collide, on PostgreSQL or SQLite
        null=True,
        validators=[personnummer.validate_stored],
        error_messages={"unique": _("A participant with this personnummer is already registered.")},
        help_text=_("YYYYMMDD-NNNN or YYMMDD-NNNN; a samordningsnummer has 60 added to the day."),
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, default=Gender.UNKNOWN)
    district = models.CharField(
        _("district"), max_length=100, blank=True, help_text=_("E.g. Berga, Ryd, Skäggetorp.")
    )
    level = models.PositiveSmallIntegerField(
        _("level (Arena Arbetsmarknad)"),
        choices=Level.choices,
        null=True,
        blank=True,
        help_text=_("Independence in a work-like activity; leave empty if not assessed."),
    )
    needs = models.TextField(_("needs"), blank=True, help_text=_("E.g. SFI, childcare, interpreter."))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    anonymised_at = models.DateTimeField(
        _("anonymised"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When the retention rules removed the personal identifiers."),
    )
    version = version_field()

    history = HistoricalRecords(excluded_fields=["updated_at", "version"])
    objects = ParticipantQuerySet.as_manager()

    IDENTIFYING_TEXT_FIELDS = ("first_name", "last_name", "district", "needs", "phone", "email", "address")

    class Meta:
        ordering = ["last_name", "first_name", "pk"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.CheckConstraint(
                condition=Q(personnummer__isnull=True) | Exact(Length("personnummer"), 12),
                name="participant_personnummer_12_digits",
                violation_error_message=_("The personnummer must be stored as twelve digits."),
            ),
            # Twelve characters, each 0–9: never digits of another script beside the same number.
            models.CheckConstraint(
                condition=Q(personnummer__isnull=True) | Exact(OnlyAsciiDigits("personnummer"), True),
                name="participant_personnummer_ascii_digits",
                violation_error_message=_("The personnummer must be stored as twelve digits."),
            ),
            # Either identified (a number, no anonymisation time) or anonymised (no number and
            # nothing else that identifies): never a half-removed person.
            models.CheckConstraint(
                condition=Q(anonymised_at__isnull=True, personnummer__isnull=False)
                | Q(
                    anonymised_at__isnull=False,
                    personnummer__isnull=True,
                    first_name="",
                    last_name="",
                    district="",
                    needs="",
                    phone="",
                    email="",
                    address="",
                ),
                name="participant_identified_or_anonymised",
                violation_error_message=_(
                    "A participant has a personnummer until anonymised, and nothing that identifies them after."
                ),
            ),
            models.CheckConstraint(
                condition=Q(gender__in=Gender.values),
                name="participant_gender_known",
                violation_error_message=_("Choose a gender from the list."),
            ),
            models.CheckConstraint(
                condition=Q(level__isnull=True) | Q(level__in=Level.values),
                name="participant_level_known",
                violation_error_message=_("Choose a level from the list."),
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    def get_absolute_url(self) -> str:
        return reverse("participants:detail", args=[self.pk])

    @property
    def is_anonymised(self) -> bool:
        return self.anonymised_at is not None

    @property
    def full_name(self) -> str:
        if self.is_anonymised:
            return _("Anonymised participant no. %(id)s") % {"id": self.pk}
        return f"{self.first_name} {self.last_name}"

    @property
    def personnummer_masked(self) -> str:
        return personnummer.mask(self.personnummer)

    @property
    def personnummer_display(self) -> str:
        return personnummer.format_full(self.personnummer)

    @property
    def is_coordination_number(self) -> bool:
        return bool(self.personnummer) and personnummer.is_coordination_number(self.personnummer)


# How long after a placement ended its partner still sees it (attendance, notes, follow-up).
PARTNER_SEES_ENDED_DAYS = 400


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

    def for_access(self, access: Access) -> PlacementQuerySet:
        """A partner user the placements of its own organisation (`for_partner`); municipal
        staff with the view permission their committees' agreements' (`Access.in_committees`);
        anyone else none."""
        if access.is_partner:
            return self.for_partner(access.partner)
        if access.has_perm("participants.view_placement"):
            return access.in_committees(self, "agreement__committee")
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

    def without_note_since(self, day: date) -> PlacementQuerySet:
        """Open placements running since before `day` with no progress note dated on or after it."""
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


class Progression(models.IntegerChoices):
    """A small ordered scale of how the participant has moved since the last note."""

    SETBACK = 1, _("setback")
    UNCHANGED = 2, _("unchanged")
    SOME_PROGRESS = 3, _("some progress")
    CLEAR_PROGRESS = 4, _("clear progress")


class ProgressNote(models.Model):
    """A dated note on a participant's progression within one placement."""

    placement = models.ForeignKey(
        Placement, on_delete=models.CASCADE, related_name="notes", verbose_name=_("placement")
    )
    date = models.DateField(_("date"))
    progression = models.PositiveSmallIntegerField(_("progression"), choices=Progression.choices)
    text = models.TextField(_("note"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("progress note")
        verbose_name_plural = _("progress notes")
        constraints = [
            models.CheckConstraint(
                condition=Q(progression__gte=1, progression__lte=4),
                name="progress_note_progression_1_4",
                violation_error_message=_("Choose a progression from the list."),
            ),
            # Inside the placement's agreement and not in the future: `clean` (a CHECK cannot
            # know today's date or read the agreement); the database keeps the register's years.
            models.CheckConstraint(
                condition=plausible.in_range("date"),
                name="progress_note_date_2000_2100",
                violation_error_message=_("Enter a date from 2000-01-01 to 2100-12-31."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.placement.participant} {self.date:%Y-%m-%d}"

    def clean(self) -> None:
        """A note is dated on a day of its placement that has come: not before the placement
        started, not after its agreement ended, not in the future."""
        if self.date is None or self.placement_id is None:
            return
        placement = self.placement
        if self.date < placement.start:
            raise ValidationError({"date": _("The note cannot be dated before the placement started.")})
        if self.date > placement.agreement.valid_to:
            raise ValidationError(
                {
                    "date": _("The note cannot be dated after the agreement ended (%(end)s).")
                    % {"end": f"{placement.agreement.valid_to:%Y-%m-%d}"}
                }
            )
        if self.date > timezone.localdate():
            raise ValidationError({"date": _("The note cannot be dated in the future.")})


class Attendance(models.Model):
    """Whether a participant came on one day of their placement, as the partner reports it."""

    placement = models.ForeignKey(
        Placement, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("placement")
    )
    date = models.DateField(_("date"))
    present = models.BooleanField(_("present"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-date"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["placement", "date"],
                name="attendance_once_per_day",
                violation_error_message=_("Attendance for that day is already recorded."),
            ),
            # Within the placement and not in the future: portal.forms.AttendanceForm.
            models.CheckConstraint(
                condition=plausible.in_range("date"),
                name="attendance_date_2000_2100",
                violation_error_message=_("Enter a date from 2000-01-01 to 2100-12-31."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.placement} {self.date:%Y-%m-%d}"
