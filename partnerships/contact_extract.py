"""A partner contact's register extract (registerutdrag, issue 26): everything the register holds
about the person behind one contact — every contact row with their name and e-mail (one per
role and partner), the agreements they act for, the history of those rows and who was shown
them — for the official to hand over on request, as participants/extract.py does for a
participant. Viewing it is logged like any other page showing contacts."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required, permission_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from audit.models import ContactAccessLogEntry
from audit.services import log_contacts
from core import history

from .models import AgreementContact, Partner, PartnerContact


@dataclass(frozen=True)
class ContactExtract:
    rows: list[PartnerContact]
    agreements: list[AgreementContact]
    changes: list
    views: list[ContactAccessLogEntry]


def build(contact: PartnerContact) -> ContactExtract:
    """The person's rows: this contact and every other with the same name and, when given, the
    same e-mail address (the same person in another role or at another partner)."""
    same = Q(name=contact.name) & (Q(email=contact.email) if contact.email else Q())
    rows = list(
        PartnerContact.objects.filter(same).select_related("partner").order_by("partner__name", "order")
    )
    ids = [row.pk for row in rows]
    partner_ids = {row.partner_id for row in rows}
    views = [
        entry
        for entry in ContactAccessLogEntry.objects.filter(partner_id__in=partner_ids).select_related("user")
        if set(entry.contact_ids) & set(ids)
    ]
    return ContactExtract(
        rows=rows,
        agreements=list(
            AgreementContact.objects.filter(contact_id__in=ids).select_related("agreement", "contact")
        ),
        changes=history.changes(PartnerContact.history.filter(id__in=ids)),
        views=views,
    )


@login_required
@permission_required("partnerships.change_partner", raise_exception=True)
def contact_extract(request: HttpRequest, pk: int, contact_pk: int) -> HttpResponse:
    partner = get_object_or_404(Partner, pk=pk)  # by its pk: an id past the range is a 404
    contact = get_object_or_404(partner.contacts.select_related("partner"), pk=contact_pk)
    extract = build(contact)
    by_partner: dict[int, list[int]] = {}
    for row in extract.rows:
        by_partner.setdefault(row.partner_id, []).append(row.pk)
    log_contacts(request, by_partner)
    return render(request, "partnerships/contact_extract.html", {"contact": contact, "extract": extract})
