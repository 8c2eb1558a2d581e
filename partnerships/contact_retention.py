"""Gallring of a partner's contacts (issue 26): names, e-mail addresses and phone numbers are
personal data, kept while the partner works with the committee and removed once it has had no
agreement for the retention period (`settings.RETENTION_MONTHS`, the participants' period,
participants/retention.py, which runs this in the same `gallra`).

Due: every contact of a partner none of whose agreements (drafts included: a renewal being
prepared) ends on or after the cutoff, where an agreement ended early ends on its last day
(`Agreement.effective_end`). A partner that never had an agreement is due once its contact has
been held that long (its first history record before the cutoff). The contact rows go, the
choice of them for agreements with them; their history rows and the admin's log keep no name.
The partner itself (an organisation, no person) stays, its address and payment details too.
"""

from __future__ import annotations

from datetime import date

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, F, Min, OuterRef, Q, Subquery, Value
from django.db.models.functions import Concat

from .models import AgreementParty, PartnerContact


def due(cutoff: date):
    """The contacts due for gallring when the last agreement must have ended before `cutoff`."""
    still_working = AgreementParty.objects.filter(partner=OuterRef("partner")).filter(
        Q(agreement__ended_early_on__gte=cutoff)
        | Q(agreement__ended_early_on__isnull=True, agreement__valid_to__gte=cutoff)
    )
    any_agreement = AgreementParty.objects.filter(partner=OuterRef("partner"))
    first_held = (
        PartnerContact.history.filter(id=OuterRef("pk"))
        .values("id")
        .annotate(first=Min("history_date"))
        .values("first")
    )
    return (
        PartnerContact.objects.exclude(Exists(still_working))
        .annotate(first_held=Subquery(first_held))
        .filter(Exists(any_agreement) | Q(first_held__date__lt=cutoff))
        .order_by("pk")
    )


def clear(cutoff: date) -> int:
    """Remove the contacts due (`due`), and their names from history and the admin's log; the
    number removed. Run inside `gallra`'s transaction."""
    ids = list(due(cutoff).values_list("pk", flat=True))
    if not ids:
        return 0
    PartnerContact.objects.filter(pk__in=ids).delete()
    PartnerContact.history.filter(id__in=ids).update(name="", email="", phone="")
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(PartnerContact), object_id__in=[str(pk) for pk in ids]
    ).update(object_repr=Concat(Value("contact #"), F("object_id")))
    return len(ids)
