"""Many agreements at once: `Agreement.objects`' QuerySet (what is decided, valid in a year, ending,
visible to an access, …). Split from agreements.py to keep both under the house's ~400 lines; it
names the model as `self.model`, so the two modules do not import each other."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Case, Exists, OuterRef, Q, Value, When
from django.db.models.functions import Coalesce, ExtractYear
from django.utils import timezone

from .. import years as plausible

if TYPE_CHECKING:
    from accounts.access import Access


class AgreementQuerySet(models.QuerySet):
    def decided(self) -> AgreementQuerySet:
        """Agreements the committee has decided on: what its figures and papers count."""
        return self.filter(stage=self.model.Stage.DECIDED)

    def for_forecast(self) -> AgreementQuerySet:
        """The decided agreements a budget forecast sums (partnerships/forecast.py), with the
        amendments every schedule reads prefetched, so the query count does not grow with rows."""
        return self.decided().prefetch_related("amendments").order_by("valid_from", "name")

    def valid_in(self, year: int) -> AgreementQuerySet:
        """Agreements whose validity overlaps calendar `year` (none outside the register's years,
        where no agreement can lie and `date()` may not even exist)."""
        if not plausible.is_plausible_year(year):
            return self.none()
        return self.filter(valid_from__lte=date(year, 12, 31)).ending_on_or_after(date(year, 1, 1))

    def ending_on_or_after(self, day: date) -> AgreementQuerySet:
        """Agreements whose effective end (`Agreement.effective_end`: the termination's last day
        when ended early, issue 26) is `day` or later."""
        return self.filter(valid_to__gte=day).exclude(ended_early_on__lt=day)

    def likely_duplicates(
        self, *, name: str, committee, valid_from: date, valid_to: date, partners
    ) -> AgreementQuerySet:
        """Agreements that look like the one being registered (issue 25: the same agreement
        submitted twice was saved twice without a word): the same committee and name (case and
        spaces aside), a period that overlaps, and a partner in common."""
        return (
            self.filter(
                committee=committee,
                name__iexact=" ".join(name.split()),
                valid_from__lte=valid_to,
                valid_to__gte=valid_from,
                parties__partner__in=list(partners),
            )
            .distinct()
            .order_by("valid_from", "pk")
        )

    def with_status(self, today: date | None = None) -> AgreementQuerySet:
        """Annotate `current_status`, derived in the database as `Agreement.status` is in Python."""
        today = today or timezone.localdate()
        return self.annotate(
            current_status=Case(
                When(stage=self.model.Stage.DRAFT, then=Value(self.model.Status.DRAFT)),
                When(valid_from__gt=today, then=Value(self.model.Status.DECIDED)),
                When(
                    Q(valid_to__lt=today) | Q(ended_early_on__lt=today), then=Value(self.model.Status.ENDED)
                ),
                default=Value(self.model.Status.ACTIVE),
                output_field=models.CharField(),
            )
        )

    def for_listing(self) -> AgreementQuerySet:
        """Everything a list of agreements prints, in a constant number of queries."""
        from .parties import AgreementParty

        return self.select_related("committee").prefetch_related(
            models.Prefetch("parties", queryset=AgreementParty.objects.select_related("partner")),
            "amendments",
        )

    def for_access(self, access: Access) -> AgreementQuerySet:
        """The agreements `access` reaches (accounts.access): a partner user its own
        organisation's decided ones (a draft, a renewal say, is the
        municipality's until the committee decides it), municipal staff with the view permission their committees' (for now
        every committee's: `Access.sees_all_committees`), anyone else none."""
        if access.is_partner:
            partner = access.partner
            return self.decided().filter(parties__partner=partner).distinct() if partner else self.none()
        if access.has_perm("partnerships.view_agreement"):
            return access.in_committees(self)
        return self.none()

    def ending_within(self, *, days: int, on: date | None = None) -> AgreementQuerySet:
        """Decided agreements still running on `on` that end within `days` days of it and have no
        decided successor: the ones someone must renew or let go (issue 12)."""
        on = on or timezone.localdate()
        return (
            self.decided()
            .filter(valid_to__gte=on, valid_to__lte=on + timedelta(days=days), ended_early_on__isnull=True)
            .without_decided_successor()
        )

    def without_decided_successor(self) -> AgreementQuerySet:
        decided_successor = self.model.objects.filter(
            predecessor=OuterRef("pk"), stage=self.model.Stage.DECIDED
        )
        return self.exclude(Exists(decided_successor))

    def drafts_older_than(self, *, days: int, on: date | None = None) -> AgreementQuerySet:
        """Drafts nobody has touched for `days` days (the official's start page)."""
        on = on or timezone.localdate()
        return self.filter(stage=self.model.Stage.DRAFT, updated_at__date__lt=on - timedelta(days=days))

    def running_on(self, day: date) -> AgreementQuerySet:
        return self.decided().filter(valid_from__lte=day).ending_on_or_after(day)

    def years(self) -> list[int]:
        """Every calendar year covered by at least one agreement, ascending (one query)."""
        spans = (
            self.order_by()
            .annotate(ends_in=ExtractYear(Coalesce("ended_early_on", "valid_to")))
            .values_list("valid_from__year", "ends_in")
            .distinct()
        )
        # Clipped to the register's years, as the database's CHECK keeps every agreement there.
        return sorted(
            {
                year
                for first, last in spans
                for year in range(max(first, plausible.FIRST_YEAR), min(last, plausible.LAST_YEAR) + 1)
            }
        )
