"""Guidelines as data (issue 16): the municipality's or a committee's rules for when an IOP may be
signed, with their ordered criteria. Linköping's is KS2016-313 (docs/domain.md); other municipalities'
differ (Borlänge, Uddevalla), and a guideline is revised by adopting a new one: each agreement
points to the guideline it was decided under, so a new version leaves it as it was.

The criteria texts are the guideline's own words, stored as written (they are data, not UI text).
An answer (`AgreementCriterion.criterion`) is the criterion's number in its agreement's guideline.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Q, prefetch_related_objects
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.concurrency import version_field

from . import years as plausible

if TYPE_CHECKING:
    from .models import Agreement

# The guideline the migration makes from the eight criteria that were code until issue 16
# (0010_guidelines_as_data holds its own copy, as a migration must).
KS2016_313 = "KS2016-313"
KS2016_313_NAME = "Riktlinjer för idéburet offentligt partnerskap (IOP)"
KS2016_313_CRITERIA = [
    "verksamheten sker på initiativ av den idéburna organisationen",
    "verksamheten är ett led i att förverkliga ett politiskt program eller plan, där de idéburna "
    "organisationerna särskilt nämns",
    "verksamheten bidrar till lokal utveckling och delaktighet i samhället",
    "verksamheten inte kan ses som en del av det normerade föreningsbidraget",
    "det inte finns en marknad eller en konkurrenssituation att vårda",
    "bägge parterna är med och finansierar och/eller resurssätter verksamheten",
    "verksamheten inte detaljregleras från kommunen",
    "båda parterna önskar och ser en mening i att ha ett annat avtalsförhållande eller samverkan vilket "
    "inte bygger på marknadsmekanism och kommersiell logik",
]


class GuidelineQuerySet(models.QuerySet):
    def latest_first(self) -> GuidelineQuerySet:
        """The newest guideline first: by year, then adoption (an unknown date last), then the
        one made last."""
        return self.order_by("-year", models.F("adopted").desc(nulls_last=True), "-pk")

    def current_for(self, committee=None) -> Guideline | None:
        """The guideline a new agreement is assessed under: the committee's own latest, else the
        municipality's latest (by year, then adoption)."""
        ordered = self.latest_first()
        if committee is not None:
            own = ordered.filter(committee=committee).first()
            if own is not None:
                return own
        return ordered.filter(committee__isnull=True).first()


class Guideline(models.Model):
    name = models.CharField(_("name"), max_length=200)
    reference = models.CharField(_("reference"), max_length=40, help_text=_("E.g. KS2016-313."))
    year = models.PositiveSmallIntegerField(_("year"))
    adopted = models.DateField(
        _("adopted"), null=True, blank=True, validators=[plausible.validate_plausible_date]
    )
    committee = models.ForeignKey(
        "partnerships.Committee",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="guidelines",
        verbose_name=_("committee"),
        help_text=_("Empty: the municipality's guideline, for every committee."),
    )
    # Edited in the admin only, with its criteria inline; the admin checks it
    # (core/admin_safety.py: VersionedAdminMixin).
    version = version_field()
    # Like every model the API shows: its history is also its data version (core/dataversion.py).
    history = HistoricalRecords()

    objects = GuidelineQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "name"]
        verbose_name = _("guideline")
        verbose_name_plural = _("guidelines")
        constraints = [
            models.UniqueConstraint(fields=["reference"], name="guideline_reference_unique"),
            models.CheckConstraint(
                condition=Q(year__gte=2000, year__lte=2100), name="guideline_year_2000_2100"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.reference})"


class GuidelineCriterion(models.Model):
    guideline = models.ForeignKey(
        Guideline, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("guideline")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("criterion"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["guideline", "number"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints = [
            models.UniqueConstraint(fields=["guideline", "number"], name="guideline_criterion_number_unique"),
            models.CheckConstraint(
                condition=Q(number__gte=1, number__lte=99), name="guideline_criterion_1_99"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text}"


def default_guideline() -> Guideline:
    """KS2016-313, made if it is missing (an emptied test database, a fresh demo)."""
    guideline, _ = Guideline.objects.get_or_create(
        reference=KS2016_313, defaults={"name": KS2016_313_NAME, "year": 2016}
    )
    if not guideline.criteria.exists():
        GuidelineCriterion.objects.bulk_create(
            GuidelineCriterion(guideline=guideline, number=number, text=text)
            for number, text in enumerate(KS2016_313_CRITERIA, start=1)
        )
    return guideline


def guideline_for_new(committee=None) -> Guideline:
    """The guideline a new agreement of `committee` is assessed under."""
    return Guideline.objects.current_for(committee) or default_guideline()


def guidelines_for_new(committee_ids: Iterable[int | None]) -> dict[int | None, Guideline]:
    """`guideline_for_new` for many committees (by id; None for no committee) in one query: a
    list of agreements assessed under no guideline of their own would otherwise look theirs up row
    by row (issue 22: the API's list made 3 queries a row). A committee's guidelines and the
    municipality's are few, so all of them are read and the newest chosen here."""
    wanted = set(committee_ids)
    own = [pk for pk in wanted if pk is not None]
    newest: dict[int | None, Guideline] = {}
    candidates = Guideline.objects.filter(Q(committee__in=own) | Q(committee__isnull=True))
    for guideline in candidates.latest_first():
        newest.setdefault(guideline.committee_id, guideline)
    municipal = newest.get(None) or default_guideline()
    return {pk: newest.get(pk, municipal) if pk is not None else municipal for pk in wanted}


def criteria_by_agreement(agreements: Iterable[Agreement]) -> dict[int, list[GuidelineCriterion]]:
    """Each agreement's `guideline_criteria()`, keyed by its id, in the same few queries however
    many agreements: their own guidelines with their criteria (none when prefetched already), and
    for those assessed under none the guideline a new agreement of their committee gets, with its
    criteria."""
    agreements = list(agreements)
    prefetch_related_objects([a for a in agreements if a.guideline_id], "guideline__criteria")
    orphans = {a.committee_id for a in agreements if not a.guideline_id}
    for_new = guidelines_for_new(orphans) if orphans else {}
    prefetch_related_objects(list({id(g): g for g in for_new.values()}.values()), "criteria")
    guidelines = {a.pk: a.guideline if a.guideline_id else for_new[a.committee_id] for a in agreements}
    return {pk: list(guideline.criteria.all()) for pk, guideline in guidelines.items()}


def guideline_for_form(form) -> Guideline:
    """The guideline an agreement form asks the criteria of: the agreement's own once it has one;
    for a new agreement, that of the committee the form's committee field accepts from the posted
    data (its choices are the user's committees), or of its only choice, else the municipality's."""
    from django.core.exceptions import ValidationError

    if form.instance.guideline_id:
        return form.instance.guideline
    field = form.fields["committee"]
    committee = None
    if form.is_bound:
        try:
            committee = field.clean(form.data.get(form.add_prefix("committee")))
        except ValidationError:
            committee = None
    else:
        only = list(field.queryset[:2])
        committee = only[0] if len(only) == 1 else None
    return guideline_for_new(committee)
