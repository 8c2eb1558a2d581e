"""Participants (deltagare): people with a personnummer, and their QuerySet."""

from __future__ import annotations

import unicodedata
from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q, Subquery
from django.db.models.functions import Length
from django.db.models.lookups import Exact
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from core.concurrency import version_field
from core.params import MAX_ID, whole_number  # noqa: F401  (MAX_ID re-exported: participants.models.MAX_ID)
from partnerships.models import Level

from .. import personnummer
from ..dbfunctions import OnlyAsciiDigits

if TYPE_CHECKING:
    from accounts.access import Access


class Gender(models.TextChoices):
    WOMAN = "woman", _("woman")
    MAN = "man", _("man")
    OTHER = "other", pgettext_lazy("gender", "other")
    UNKNOWN = "unknown", _("not stated")


class ParticipantQuerySet(models.QuerySet):
    def for_access(self, access: Access) -> ParticipantQuerySet:
        """Coordinators see the participants placed (now or before) in their committees'
        agreements, and those not yet placed anywhere, who belong to no committee yet: the
        coordinating function registers people before a committee is chosen (issue 13). So a
        coordinator in no committee sees only those not yet placed.
        Administrators see every participant; nobody else sees any (a partner sees the people
        placed with it through `Placement.objects.for_access`). Within a participant, only the
        placements `Placement.objects.for_access` reaches are shown (`with_placements`)."""
        from .placements import Placement

        if not access.has_perm("participants.view_participant"):
            return self.none()
        if access.sees_all_committees:
            return self
        # Per participant, two lookups of their few placements by the participant index, not a
        # set of every placement of the committees: the lists read their rows in name order and
        # stop after a page or a bounded count (core/paging.py), so at national scale (600,000
        # placements) a page reads some hundred placements instead of hashing all of them first
        # (issue 22; both IN (subquery) and EXISTS became that hash). A scalar subquery with a
        # LIMIT is never turned into a join.
        placements = Placement.objects.filter(participant=OuterRef("pk")).order_by().values("pk")[:1]
        mine = access.in_committees(
            Placement.objects.filter(participant=OuterRef("pk")), "agreement__committee"
        )
        return self.alias(
            placed_in_mine=Subquery(mine.order_by().values("pk")[:1]),
            placed_anywhere=Subquery(placements),
        ).filter(Q(placed_in_mine__isnull=False) | Q(placed_anywhere__isnull=True))

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
        from .placements import Placement

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
            pk = whole_number(number)
            return self.none() if pk is None else self.filter(pk=pk)
        try:
            digits = personnummer.parse(text)
        except ValidationError:
            return self.search(text)
        return self.filter(personnummer=digits)

    def with_placements(self, access: Access | None = None) -> ParticipantQuerySet:
        """Prefetch each participant's placements (newest first) with their agreements: those
        `access` reaches (another committee's placements stay out of sight), or all."""
        from .placements import Placement

        placements = Placement.objects.select_related("agreement").order_by("-start", "-pk")
        if access is not None:
            placements = placements.for_access(access, committees_as_ids=True)
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
        indexes = [
            # The participant list in its order: a page or a bounded count (core/paging.py) reads
            # as many entries as it shows, not all 180,000 people (issue 22).
            models.Index(
                fields=["last_name", "first_name", "id"],
                condition=Q(anonymised_at__isnull=True),
                name="participant_list_order",
            ),
        ]
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
