"""Memos (tjänsteskrivelser): defaults, drafts, sections and stored PDF versions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import Exact
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.case_numbers import validate_case_number
from core.concurrency import version_field
from partnerships import years as plausible
from partnerships.models import Agreement, Committee

from ..filenames import download_name
from .followups import YEAR_VALIDATORS

if TYPE_CHECKING:
    from accounts.access import Access


class MemoDefaults(models.Model):
    """What a committee's memos print unless the author changes it: who signs, where the
    municipality's goals are published. Data, not template text, so another municipality can
    use the product unchanged."""

    committee = models.OneToOneField(
        Committee, on_delete=models.CASCADE, related_name="memo_defaults", verbose_name=_("committee")
    )
    signer = models.CharField(_("default signer"), max_length=200, blank=True)
    goals_url = models.URLField(
        _("link to the council's overall goals"),
        blank=True,
        help_text=_("Printed under “Municipal goals” as a link."),
    )
    # Edited in the admin only, which checks it (core/admin_safety.py: VersionedAdminMixin).
    # In the history too: a record with an excluded field reads the object again, a query per
    # record on the access history page (accounts/rights_history.py hides the version).
    version = version_field()

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("memo defaults")
        verbose_name_plural = _("memo defaults")

    def __str__(self) -> str:
        return str(self.committee)


class MemoQuerySet(models.QuerySet):
    def for_access(self, access: Access) -> MemoQuerySet:
        """Staff with the view permission their committees' memos; anyone else none."""
        if access.has_perm("reports.view_memo"):
            return access.in_committees(self)
        return self.none()


class Memo(models.Model):
    """Tjänsteskrivelse: the officials' memo to the committee (both seeds share its layout)."""

    class Kind(models.TextChoices):
        FOLLOW_UP = "followup", _("follow-up")
        NEW_AGREEMENT = "agreement", _("new agreement")
        OTHER = "other", _("other")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.OTHER)
    title = models.CharField(_("title"), max_length=300)
    date = models.DateField(_("date"), validators=[plausible.validate_plausible_date])
    case_number = models.CharField(
        _("case number (Dnr)"), max_length=40, blank=True, validators=[validate_case_number]
    )
    committee = models.ForeignKey(
        Committee, on_delete=models.PROTECT, related_name="memos", verbose_name=_("committee")
    )
    agreement = models.ForeignKey(
        Agreement,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memos",
        verbose_name=_("agreement"),
        help_text=_("The agreement a decision memo proposes."),
    )
    report_year = models.PositiveSmallIntegerField(
        _("report year"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    decision_points = models.JSONField(_("proposed decision"), default=list, blank=True)
    basis = models.JSONField(_("decision basis"), default=list, blank=True)
    administration = models.CharField(_("administration"), max_length=200)
    signer = models.CharField(_("signer"), max_length=200, blank=True)
    footnotes = models.JSONField(_("footnotes"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    version = version_field()

    history = HistoricalRecords(excluded_fields=["updated_at", "version"])
    objects = MemoQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("memo")
        verbose_name_plural = _("memos")
        constraints = [
            models.CheckConstraint(
                condition=~Q(title=""),
                name="memo_has_title",
                violation_error_message=_("A memo needs a title."),
            ),
            models.CheckConstraint(
                condition=plausible.in_range("date") & plausible.years_in_range("report_year", nullable=True),
                name="memo_dates_2000_2100",
                violation_error_message=_("A memo's date and report year lie from 2000 to 2100."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.date:%Y-%m-%d})"

    def get_absolute_url(self) -> str:
        return reverse("reports:memo_detail", args=[self.pk])

    @property
    def latest_version(self) -> MemoVersion | None:
        return self.versions.order_by("-number").first()


class MemoSection(models.Model):
    """One heading of a memo and its text. A section may also print the committee's overview
    table of one year after its text (docs/domain.md, follow-up memo, "Översikt IOP inom arbetsmarknadsnämnden")."""

    class Level(models.IntegerChoices):
        HEADING = 1, _("heading")
        SUBHEADING = 2, _("sub-heading")

    memo = models.ForeignKey(Memo, on_delete=models.CASCADE, related_name="sections", verbose_name=_("memo"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices, default=Level.HEADING)
    heading = models.CharField(_("heading"), max_length=300)
    body = models.TextField(
        _("text"),
        blank=True,
        help_text=_(
            "Blank line: new paragraph. “- ” starts a bullet, *text* is italic, [^1] refers to footnote 1."
        ),
    )
    overview_year = models.PositiveSmallIntegerField(
        _("overview table for year"),
        null=True,
        blank=True,
        validators=YEAR_VALIDATORS,
        help_text=_("Prints the committee's overview table for that year after the text."),
    )
    agreement = models.ForeignKey(
        Agreement,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("agreement"),
        help_text=_("The agreement whose follow-up this section summarises (set when the memo is drafted)."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("memo section")
        verbose_name_plural = _("memo sections")
        constraints = [
            models.CheckConstraint(
                condition=~Q(heading=""),
                name="memosection_has_heading",
                violation_error_message=_("A section needs a heading."),
            ),
            models.CheckConstraint(
                condition=plausible.years_in_range("overview_year", nullable=True),
                name="memosection_overview_year_2000_2100",
                violation_error_message=_("Enter a year from 2000 to 2100."),
            ),
            models.CheckConstraint(
                condition=Q(level__in=[1, 2]),
                name="memosection_level_1_or_2",
                violation_error_message=_("A section is a heading or a sub-heading."),
            ),
        ]

    def __str__(self) -> str:
        return self.heading


class ImmutableQuerySet(models.QuerySet):
    """Stored versions are what was sent to the committee: no bulk update or delete."""

    def update(self, **kwargs):
        raise MemoVersion.Immutable(_("An exported memo version cannot be changed."))

    def delete(self):
        raise MemoVersion.Immutable(_("An exported memo version cannot be deleted."))


class MemoVersion(models.Model):
    """One export of a memo: the PDF exactly as it was sent, numbered 1, 2, … per memo.

    Never changed or deleted: the model refuses it, the database refuses updates (a trigger, see
    migration 0002) and no page or admin offers it. The bytes live in the database, so a download
    is the stored bytes, whose SHA-256 was taken when they were made.
    """

    class Immutable(Exception):
        pass

    memo = models.ForeignKey(Memo, on_delete=models.PROTECT, related_name="versions", verbose_name=_("memo"))
    number = models.PositiveIntegerField(_("version"))
    pdf = models.BinaryField(_("PDF"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveIntegerField(_("size in bytes"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("exported by"),
    )
    created_at = models.DateTimeField(_("exported at"), auto_now_add=True)

    objects = ImmutableQuerySet.as_manager()

    class Meta:
        ordering = ["memo", "number"]
        verbose_name = _("memo version")
        verbose_name_plural = _("memo versions")
        constraints = [
            models.UniqueConstraint(
                fields=["memo", "number"],
                name="memoversion_number_once_per_memo",
                violation_error_message=_("This memo already has a version with that number."),
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="memoversion_number_from_1"),
            models.CheckConstraint(
                condition=Exact(Length("sha256"), 64), name="memoversion_sha256_is_64_long"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.memo.title}, version {self.number}"

    def save(self, *args, **kwargs):
        # A guard, not business logic: rows are only ever inserted.
        if not self._state.adding:
            raise self.Immutable(_("An exported memo version cannot be changed."))
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("reports:memo_version_pdf", args=[self.memo_id, self.number])

    def delete(self, *args, **kwargs):
        raise self.Immutable(_("An exported memo version cannot be deleted."))

    @property
    def filename(self) -> str:
        """The download's name from the memo's date and title (reports/filenames.py)."""
        return download_name(title=self.memo.title, day=self.memo.date, extension="pdf", version=self.number)


class PreparedPdf(models.Model):
    """The memo's PDF rendered ahead by the task worker (reports/prepared.py), with the hash of
    what it was rendered from (`reports.pdf.content_hash`). An export whose content hashes the
    same stores these bytes as its version instead of rendering them again; any other hash
    means the memo or its data changed since, and the export renders. One per memo, replaced."""

    memo = models.OneToOneField(
        Memo, on_delete=models.CASCADE, primary_key=True, related_name="prepared_pdf", verbose_name=_("memo")
    )
    content_hash = models.CharField(_("content hash"), max_length=64)
    pdf = models.BinaryField(_("PDF"))
    rendered_at = models.DateTimeField(_("rendered at"), auto_now=True)

    class Meta:
        verbose_name = _("prepared memo PDF")
        verbose_name_plural = _("prepared memo PDFs")

    def __str__(self) -> str:
        return f"{self.memo_id}: {self.content_hash[:12]}"
