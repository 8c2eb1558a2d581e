"""The partnership's own meetings (seeds: "arbetsgrupp och styrgrupp") and what they decide."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from partnerships import years as plausible
from partnerships.models import Agreement, attachments_storage

if TYPE_CHECKING:
    from accounts.access import Access


def minutes_path(instance: Meeting, filename: str) -> str:
    # A random name in the private storage; the user's file name is kept in `minutes_name`.
    return f"meetings/{instance.agreement_id}/{uuid.uuid4().hex}"


class MeetingQuerySet(models.QuerySet):
    def for_access(self, access: Access) -> MeetingQuerySet:
        """Meetings of the agreements `access` reaches, for municipal staff who may see meetings."""
        if access.is_partner or not access.has_perm("meetings.view_meeting"):
            return self.none()
        return self.filter(agreement__in=Agreement.objects.for_access(access))


class Meeting(models.Model):
    class Kind(models.TextChoices):
        WORKING_GROUP = "working", _("working group")
        STEERING_GROUP = "steering", _("steering group")

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("agreement")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    date = models.DateField(_("date"), validators=[plausible.validate_plausible_date])
    attendees = models.TextField(_("who took part"), help_text=_("Names and organisations, one a line."))
    minutes = models.TextField(_("minutes"), blank=True)
    minutes_file = models.FileField(
        _("minutes (document)"),
        storage=attachments_storage,
        upload_to=minutes_path,
        max_length=200,
        blank=True,
    )
    minutes_name = models.CharField(_("file name"), max_length=255, blank=True)
    minutes_content_type = models.CharField(max_length=120, blank=True)
    minutes_sha256 = models.CharField("SHA-256", max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["created_at"])
    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.CheckConstraint(
                condition=plausible.in_range("date"),
                name="meeting_date_2000_2100",
                violation_error_message=_("A meeting's date lies from 2000-01-01 to 2100-12-31."),
            ),
            models.CheckConstraint(condition=Q(kind__in=["working", "steering"]), name="meeting_kind_known"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("meetings:meeting_detail", args=[self.pk])


class DecisionQuerySet(models.QuerySet):
    def open(self) -> DecisionQuerySet:
        return self.filter(done=False)

    def open_for(self, user) -> DecisionQuerySet:
        """The decisions `user` owns that are not done, soonest due first (the start page)."""
        return self.open().filter(owner=user).select_related("meeting__agreement").order_by("due_on", "pk")

    def in_year(self, year: int) -> DecisionQuerySet:
        return self.filter(meeting__date__year=year)


class Decision(models.Model):
    """A meeting's decision: what is to be done, by whom, by when; done or not."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="decisions", verbose_name=_("meeting")
    )
    text = models.TextField(_("decision"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meeting_decisions",
        verbose_name=_("owner"),
    )
    due_on = models.DateField(_("due"), null=True, blank=True, validators=[plausible.validate_plausible_date])
    done = models.BooleanField(_("done"), default=False)
    done_on = models.DateField(_("done on"), null=True, blank=True, editable=False)

    history = HistoricalRecords()
    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "pk"]
        verbose_name = _("meeting decision")
        verbose_name_plural = _("meeting decisions")
        constraints = [
            models.CheckConstraint(
                condition=plausible.in_range("due_on", nullable=True)
                & plausible.in_range("done_on", nullable=True),
                name="decision_dates_2000_2100",
            ),
            models.CheckConstraint(
                condition=Q(done=False, done_on__isnull=True) | Q(done=True, done_on__isnull=False),
                name="decision_done_has_a_date",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]
