"""Payment plans: what the committee pays each partnership, instalment by instalment."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from partnerships import years as plausible
from partnerships.models import Agreement, money_field

from .plans import Frequency

if TYPE_CHECKING:
    from accounts.access import Access


class PaymentPlan(models.Model):
    """How often a decided agreement's committee cost is paid (the instalments are its rows)."""

    agreement = models.OneToOneField(
        Agreement, on_delete=models.CASCADE, related_name="payment_plan", verbose_name=_("agreement")
    )
    frequency = models.PositiveSmallIntegerField(
        _("instalments per year"), choices=Frequency.choices, default=Frequency.QUARTERLY
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["created_at"])

    class Meta:
        verbose_name = _("payment plan")
        verbose_name_plural = _("payment plans")
        constraints = [
            models.CheckConstraint(
                condition=Q(frequency__in=[choice.value for choice in Frequency]),
                name="payment_plan_frequency_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agreement} ({self.get_frequency_display()})"


class InstalmentQuerySet(models.QuerySet):
    def for_access(self, access: Access) -> InstalmentQuerySet:
        """Instalments of the agreements `access` reaches, for those who may see payments."""
        if not access.has_perm("payments.view_instalment") or access.is_partner:
            return self.none()
        return self.filter(agreement__in=Agreement.objects.for_access(access))

    def totals(self) -> dict[str, object]:
        """Planned, paid, withheld and outstanding (still planned), one query."""
        zero = models.Value(0, output_field=models.DecimalField(max_digits=14, decimal_places=0))
        return self.aggregate(
            planned=Coalesce(Sum("amount", filter=~Q(status=Instalment.Status.CANCELLED)), zero),
            paid=Coalesce(Sum("paid_amount", filter=Q(status=Instalment.Status.PAID)), zero),
            withheld=Coalesce(Sum("amount", filter=Q(status=Instalment.Status.WITHHELD)), zero),
            outstanding=Coalesce(Sum("amount", filter=Q(status=Instalment.Status.PLANNED)), zero),
        )


class Instalment(models.Model):
    """One payment of a plan: planned amount and due date, then paid (date, amount, reference)
    or withheld (with the reason), or cancelled when the agreement ended before it (issue 26)."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        PAID = "paid", _("paid")
        WITHHELD = "withheld", _("withheld")
        # The agreement ended early (issue 26): the instalment falls after its last day.
        CANCELLED = "cancelled", _("cancelled")

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="instalments", verbose_name=_("agreement")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveSmallIntegerField(_("number"))
    due_on = models.DateField(_("due"))
    amount = money_field(_("planned amount"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    paid_on = models.DateField(
        _("paid on"), null=True, blank=True, validators=[plausible.validate_plausible_date]
    )
    paid_amount = money_field(_("amount paid"), null=True, blank=True)
    reference = models.CharField(_("reference"), max_length=100, blank=True)
    withheld_reason = models.TextField(_("reason withheld"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", editable=False
    )
    recorded_at = models.DateTimeField(_("recorded"), null=True, blank=True, editable=False)

    history = HistoricalRecords()
    objects = InstalmentQuerySet.as_manager()

    class Meta:
        ordering = ["agreement", "year", "number"]
        verbose_name = _("instalment")
        verbose_name_plural = _("instalments")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "year", "number"],
                name="instalment_once_per_agreement_year_number",
                violation_error_message=_("The plan already has this instalment."),
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0) & (Q(paid_amount__isnull=True) | Q(paid_amount__gte=0)),
                name="instalment_amounts_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1, number__lte=12) & Q(year__gte=2000, year__lte=2100),
                name="instalment_number_and_year",
            ),
            models.CheckConstraint(
                condition=plausible.in_range("due_on") & plausible.in_range("paid_on", nullable=True),
                name="instalment_dates_2000_2100",
                violation_error_message=_("An instalment's dates lie from 2000-01-01 to 2100-12-31."),
            ),
            models.CheckConstraint(
                condition=(
                    Q(status="planned", paid_on__isnull=True, paid_amount__isnull=True, withheld_reason="")
                    | Q(status="paid", paid_on__isnull=False, paid_amount__isnull=False)
                    | (
                        Q(status="withheld", paid_on__isnull=True, paid_amount__isnull=True)
                        & ~Q(withheld_reason="")
                    )
                    | Q(status="cancelled", paid_on__isnull=True, paid_amount__isnull=True)
                ),
                name="instalment_status_consistent",
                violation_error_message=_(
                    "A paid instalment has a date and an amount; a withheld one has a reason."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agreement} {self.year}:{self.number}"

    @property
    def is_settled(self) -> bool:
        return self.status != self.Status.PLANNED

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED
