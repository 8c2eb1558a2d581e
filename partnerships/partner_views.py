"""Partner pages: list, detail (with its contacts and payment details), new and edit; and the
contacts that act for an agreement (issue 26)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from audit.services import log_contacts
from core import history
from core.concurrency import EditConflict, save_versioned
from core.params import whole_number

from . import partner_users, permissions
from .models import Agreement, AgreementContact, Partner, PartnerContact
from .partner_forms import ContactFormSet, PartnerForm

PARTNER_PAGE_SIZE = 50


@login_required
@permission_required("partnerships.view_partner", raise_exception=True)
def partner_list(request: HttpRequest) -> HttpResponse:
    """PARTNER_PAGE_SIZE partners a page, in name order (issue 22: thousands at national scale).
    No contact in the list: a person's name is shown (and logged) on the partner's own page."""
    page = Paginator(Partner.objects.with_agreement_count(), PARTNER_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "partnerships/partner_list.html", {"partners": page, "page": page})


@login_required
@permission_required("partnerships.view_partner", raise_exception=True)
def partner_detail(request: HttpRequest, pk: int) -> HttpResponse:
    partner = get_object_or_404(Partner, pk=pk)
    agreements = Agreement.objects.for_access(request.access).filter(parties__partner=partner).for_listing()
    sees_contacts = permissions.can_see_contacts(request.access, partner)
    contacts = list(partner.contacts.all()) if sees_contacts else None
    if contacts:
        log_contacts(request, {partner.pk: contacts})  # personal data shown: logged (issue 26)
    return render(
        request,
        "partnerships/partner_detail.html",
        {
            "partner": partner,
            "contacts": contacts,
            "agreements": agreements,
            # a contact's changes hold its name: with the contacts, for those who see them
            "history": history.of(partner, *([(PartnerContact, "partner")] if sees_contacts else [])),
            **partner_users.context(request.access, partner),
        },
    )


def _partner_form(request: HttpRequest, partner: Partner | None) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    form = PartnerForm(data, instance=partner)
    # A post without the contacts' rows (the import, an older client) leaves the contacts alone.
    with_contacts = data is None or "contacts-TOTAL_FORMS" in data
    contacts = ContactFormSet(
        data if with_contacts else None, instance=partner or Partner(), prefix="contacts"
    )
    conflict = False
    if data is not None and form.is_valid() and (not with_contacts or contacts.is_valid()):

        def save() -> Partner:
            saved = form.save()
            if with_contacts:
                contacts.instance = saved
                for order, contact_form in enumerate(contacts.forms):
                    contact_form.instance.order = order
                contacts.save()
            return saved

        try:
            saved = save_versioned(form, save)
        except EditConflict:
            conflict = True
        else:
            if saved is not None:
                messages.success(request, _("The partner “%(name)s” was saved.") % {"name": saved.name})
                return redirect(saved)
    return render(
        request,
        "partnerships/partner_form.html",
        {"form": form, "contacts": contacts, "partner": partner, "conflict": conflict},
        status=409 if conflict else 200,
    )


@login_required
@permission_required("partnerships.add_partner", raise_exception=True)
def partner_create(request: HttpRequest) -> HttpResponse:
    return _partner_form(request, None)


@login_required
@permission_required("partnerships.change_partner", raise_exception=True)
def partner_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _partner_form(request, get_object_or_404(Partner, pk=pk))


@login_required
@permission_required("partnerships.change_agreement", raise_exception=True)
@require_POST
def agreement_contacts(request: HttpRequest, pk: int) -> HttpResponse:
    """Which of its partners' contacts act for the agreement (its signatory, its activity lead):
    the ids ticked on the agreement page replace the ones before."""
    agreement = get_object_or_404(
        Agreement.objects.for_access(request.access).prefetch_related(
            Prefetch("agreement_contacts", queryset=AgreementContact.objects.all())
        ),
        pk=pk,
    )
    if not permissions.can_edit_agreement(request.access, agreement):
        raise PermissionDenied
    offered = PartnerContact.objects.filter(partner__parties__agreement=agreement)
    # Ids as a browser sends them; anything else (or past an id's range) chooses nothing.
    ticked = [n for n in map(whole_number, request.POST.getlist("contacts")) if n is not None]
    chosen = set(offered.filter(pk__in=ticked).values_list("pk", flat=True))
    with transaction.atomic():
        AgreementContact.objects.filter(agreement=agreement).exclude(contact_id__in=chosen).delete()
        for contact_id in chosen - set(agreement.agreement_contacts.values_list("contact_id", flat=True)):
            AgreementContact.objects.create(agreement=agreement, contact_id=contact_id)
    messages.success(request, _("The agreement's contacts were saved."))
    return redirect(agreement)
