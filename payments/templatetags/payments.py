"""The agreement page's payment summary: `{% load payments %}{% agreement_payments agreement %}`."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django import template

from partnerships.models import Agreement

from ..models import Instalment

register = template.Library()


@register.inclusion_tag("payments/_agreement_payments.html", takes_context=True)
def agreement_payments(context, agreement: Agreement) -> dict:
    """Planned, paid and outstanding per year of the agreement's plan (one query)."""
    years: dict[int, dict[str, Decimal]] = defaultdict(
        lambda: {"planned": Decimal(0), "paid": Decimal(0), "withheld": Decimal(0), "outstanding": Decimal(0)}
    )
    for instalment in Instalment.objects.filter(agreement=agreement).only(
        "year", "amount", "paid_amount", "status"
    ):
        row = years[instalment.year]
        row["planned"] += instalment.amount
        if instalment.status == Instalment.Status.PAID:
            row["paid"] += instalment.paid_amount
        elif instalment.status == Instalment.Status.WITHHELD:
            row["withheld"] += instalment.amount
        else:
            row["outstanding"] += instalment.amount
    return {
        "agreement": agreement,
        "access": context["access"],
        "years": sorted(years.items()),
    }
