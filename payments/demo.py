"""Demo payment plans (`manage.py load_demo`): every decided agreement paid quarterly, and what fell
due before today recorded as paid on its due date with a reference marked FIKTIV, so the payments
pages show planned, paid and outstanding. The seed figures are the agreements' own and unchanged."""

from __future__ import annotations

from django.utils import timezone

from partnerships.models import Agreement

from . import services
from .models import Instalment
from .plans import Frequency


def load(*, by=None) -> int:
    """Plans for the decided agreements that have none; returns how many were made."""
    today = timezone.localdate()
    made = 0
    for agreement in Agreement.objects.decided().filter(payment_plan__isnull=True).order_by("pk"):
        services.set_up_plan(agreement=agreement, frequency=Frequency.QUARTERLY, by=by)
        made += 1
        due = Instalment.objects.filter(
            agreement=agreement, status=Instalment.Status.PLANNED, due_on__lt=today
        ).order_by("due_on")
        for instalment in due:
            services.mark_paid(
                instalment=instalment,
                paid_on=instalment.due_on,
                amount=instalment.amount,
                reference=f"FIKTIV {instalment.year}-{instalment.number}",
                by=by,
            )
    return made
