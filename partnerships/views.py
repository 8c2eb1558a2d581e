"""Pages for agreements and partners: thin views over models, forms and services."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.db.models import Prefetch, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from audit.services import log_contacts
from core import history, pagecache
from core.concurrency import EditConflict
from core.documents import NOT_SAVED, STORAGE_ERRORS, StorageUnavailable, storage_unavailable
from core.forms import YearForm

from . import budget, pagescope, permissions, services
from . import overview as overviews
from .filters import AgreementFilter
from .forms import (
    AgreementForm,
    AmendmentForm,
    AttachmentForm,
    CriteriaForm,
    PartyFormSet,
    criteria_rows,
)
from .goals import GoalsForm
from .guidelines import guideline_for_form
from .models import (
    Agreement,
    AgreementAttachment,
    AgreementCriterion,
    AgreementGoal,
    AgreementParty,
    Amendment,
    Goal,
    PartnerContact,
)

# The overview prints this many rows a page; its sums are always over every row.
OVERVIEW_PAGE_SIZE = 100
FORECAST_PAGE_SIZE = 50


@login_required
@permission_required("partnerships.view_agreement", raise_exception=True)
def overview(request: HttpRequest) -> HttpResponse:
    """The committee's overview table for one year, amounts in that year's prices; from the cache
    (core/pagecache.py) while nothing of that committee and year changed."""
    agreements = Agreement.objects.for_access(request.access)
    year_form = YearForm(request.GET)
    if not year_form.is_valid():
        raise Http404(_("No such year."))
    years = agreements.years()
    year = year_form.cleaned_data["year"] or services.default_overview_year(years, timezone.localdate())
    return pagecache.page(
        request,
        "partnerships/overview.html",
        lambda: _overview_context(request, agreements, year=year, years=years),
        name="overview",
        # the overview can be filtered by goal (issue 24): the goals and their links are part of it
        current=pagecache.scoped(
            pagescope.scope(
                request.access,
                years=(year, year),
                children=((AgreementGoal, "agreement_id"),),
                shared=(Goal,),
            )
        ),
        parts=(year, tuple(years)),
    )


def _overview_context(
    request: HttpRequest, agreements: QuerySet[Agreement], *, year: int, years: list[int]
) -> dict:
    # Status as it was at the end of the year shown (or today, for this year), so "active"
    # in 2022 means active then.
    today = timezone.localdate()
    filterset = AgreementFilter(
        request.GET, queryset=agreements.with_status(min(today, date(year, 12, 31))), request=request
    )
    shown = filterset.qs
    if not (filterset.is_valid() and filterset.form.cleaned_data.get("status")):
        shown = shown.decided()  # the committee's figures count decided agreements; drafts on request
    committee = filterset.form.cleaned_data.get("committee") if filterset.is_valid() else None
    committee = overviews.overview_committee(committee, among=request.access.visible_committees())
    overview = overviews.cached_overview(shown, year=year, committee=committee, scope=request.access.scope)
    sort = request.GET.get("sort", "")
    page = Paginator(overview.sorted_rows(sort), OVERVIEW_PAGE_SIZE).get_page(request.GET.get("page"))
    return {
        "overview": overview,
        "page": page,
        "columns": overview.columns(sort),
        "filter": filterset,
        "year": year,
        "years": years,
        "row_count": len(overview.rows),
    }


def _visible_agreement(request: HttpRequest, pk: int) -> Agreement:
    return get_object_or_404(
        Agreement.objects.for_access(request.access)
        .select_related("committee", "predecessor", "responsible", "guideline", "termination")
        .prefetch_related(
            Prefetch("parties", queryset=AgreementParty.objects.select_related("partner")),
            "criteria",
            "amendments",
            Prefetch(
                "goal_links",
                queryset=AgreementGoal.objects.select_related(
                    "goal__area", "goal__committee"
                ).prefetch_related("goal__indicators"),
            ),
        ),
        pk=pk,
    )


def _criteria_rows(agreement: Agreement) -> list[tuple]:
    """(criterion of the agreement's guideline, its answer or None), in the guideline's order."""
    answers = {answer.criterion: answer for answer in agreement.criteria.all()}
    return [(criterion, answers.get(criterion.number)) for criterion in agreement.guideline_criteria()]


def _contacts_context(request: HttpRequest, agreement: Agreement) -> dict:
    """The partners' contacts, each with whether it acts for the agreement, and its signatory:
    personal data, for those who see contacts (issue 26); None for anyone else."""
    if not permissions.can_see_contacts(request.access, None):
        return {"contacts": None}
    chosen = set(agreement.agreement_contacts.values_list("contact_id", flat=True))
    contacts = PartnerContact.objects.filter(partner__parties__agreement=agreement).select_related("partner")
    return {
        "contacts": [
            (contact, contact.pk in chosen) for contact in contacts.order_by("partner__name", "order")
        ],
        "signatory": agreement.signatory_contact(),
    }


def _agreement_body(
    request: HttpRequest,
    agreement: Agreement,
    *,
    amendment_form: AmendmentForm | None,
    csrf_token: str | None,
) -> str:
    """The agreement page's body (everything inside base.html's content block)."""
    may_change = permissions.can_edit_agreement(request.access, agreement)
    context = {
        "agreement": agreement,
        "termination": agreement.termination_or_none,
        **_contacts_context(request, agreement),
        "schedule": agreement.schedule(),
        "amendments": agreement.amendments.all(),
        "amendment_form": amendment_form or (AmendmentForm(agreement=agreement) if may_change else None),
        "criteria": _criteria_rows(agreement),
        "guideline": agreement.guideline,
        "chain": agreement.chain(),
        "attachments": agreement.attachments.select_related("uploaded_by"),
        "attachment_form": AttachmentForm() if may_change else None,
        "history": []
        if not permissions.can_see_history(request.access, agreement)
        else history.of(
            agreement,
            (AgreementParty, "agreement"),
            (Amendment, "agreement"),
            (AgreementAttachment, "agreement"),
            (AgreementCriterion, "agreement"),
        ),
    }
    if csrf_token is not None:
        context["csrf_token"] = csrf_token
    return render_to_string("partnerships/_agreement_body.html", context, request=request)


def _agreement_page(
    request: HttpRequest,
    agreement: Agreement,
    *,
    amendment_form: AmendmentForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """The page with a form the user filled in wrongly: built afresh, never cached."""
    body = mark_safe(_agreement_body(request, agreement, amendment_form=amendment_form, csrf_token=None))  # noqa: S308
    return render(
        request, "partnerships/agreement_detail.html", {"agreement": agreement, "body": body}, status=status
    )


@login_required
def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """From the cache (core/pagecache.py) while nothing changed: a warm request looks up only
    the agreement's name (its visibility: 404 outside the user's access) and the data version."""
    shown = get_object_or_404(Agreement.objects.for_access(request.access).only("pk", "name"), pk=pk)
    if permissions.can_see_contacts(request.access, None):  # the contacts the body shows (issue 26)
        by_partner: dict[int, list[int]] = {}
        for contact_id, partner_id in PartnerContact.objects.filter(
            partner__parties__agreement_id=pk
        ).values_list("pk", "partner_id"):
            by_partner.setdefault(partner_id, []).append(contact_id)
        log_contacts(request, by_partner)
    body, _ = pagecache.cached(
        "agreement",
        request,
        lambda csrf: (
            _agreement_body(request, _visible_agreement(request, pk), amendment_form=None, csrf_token=csrf),
            None,
        ),
    )
    return render(request, "partnerships/agreement_detail.html", {"agreement": shown, "body": body})


@login_required
@permission_required("partnerships.change_agreement", raise_exception=True)
@require_POST
def amendment_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Tilläggsavtal: new amounts from a date; on a mistake the page comes back with what was typed."""
    agreement = _visible_agreement(request, pk)
    form = AmendmentForm(request.POST, agreement=agreement)
    if not form.is_valid():
        return _agreement_page(request, agreement, amendment_form=form, status=400)
    amendment = services.amend(form=form, by=request.user)
    messages.success(
        request,
        _("The amendment from %(date)s was recorded.") % {"date": f"{amendment.starts_on:%Y-%m-%d}"},
    )
    return redirect(agreement)


def _unconfirmed_duplicates(
    request: HttpRequest, form: AgreementForm, parties: PartyFormSet
) -> list[Agreement]:
    """A new agreement's likely duplicates among those the user sees, unless the official has
    confirmed that it is another one (the form's "Save anyway" button)."""
    if form.instance.pk is not None or request.POST.get("confirm_duplicate") == "1":
        return []
    data = form.cleaned_data
    partners = [
        party.cleaned_data["partner"]
        for party in parties.forms
        if party.cleaned_data.get("partner") and not party.cleaned_data.get("DELETE")
    ]
    return list(
        Agreement.objects.for_access(request.access).likely_duplicates(
            name=data["name"],
            committee=data["committee"],
            valid_from=data["valid_from"],
            valid_to=data["valid_to"],
            partners=partners,
        )[:5]
    )


def _agreement_form(request: HttpRequest, agreement: Agreement | None) -> HttpResponse:
    instance = agreement or Agreement()
    was = instance.stage if instance.pk else None  # before the form's validation sets the new one
    data = request.POST if request.method == "POST" else None
    form = AgreementForm(data, instance=instance, access=request.access)
    parties = PartyFormSet(data, instance=instance, prefix="parties")
    # The guideline it was assessed under stays; a new agreement gets its committee's current one.
    guideline = guideline_for_form(form)
    criteria = CriteriaForm(data, agreement=instance, guideline=guideline, prefix="criteria")
    goals = GoalsForm(data, agreement=instance, access=request.access, prefix="goals")
    conflict = False
    duplicates = []
    if (
        data is not None
        and form.is_valid()
        and parties.is_valid()
        and criteria.is_valid()
        and goals.check_committee(form.cleaned_data.get("committee"))
        and parties.check_contributions(form)
        and criteria.check_complete(
            form.cleaned_data.get("stage"), was=was, deviation=form.cleaned_data.get("deviation", "")
        )
        and not (duplicates := _unconfirmed_duplicates(request, form, parties))
    ):
        if form.instance.guideline_id is None:
            form.instance.guideline = guideline
        if form.instance.pk is None and form.instance.responsible_id is None:
            form.instance.responsible = request.user  # whoever registers it, by default (issue 12)
        try:
            saved = services.save_agreement(form=form, parties=parties, criteria=criteria, goals=goals)
        except EditConflict:
            conflict = True
        else:
            messages.success(request, _("The agreement “%(name)s” was saved.") % {"name": saved.name})
            for warning in budget.warn(saved):
                messages.warning(request, warning)
            return redirect(saved)
    return render(
        request,
        "partnerships/agreement_form.html",
        {
            "form": form,
            "parties": parties,
            "criteria": criteria,
            "criteria_rows": criteria_rows(criteria),
            "goals": goals,
            "guideline": guideline,
            "agreement": agreement,
            "conflict": conflict,
            "duplicates": duplicates,
        },
        status=409 if conflict else 200,
    )


@login_required
@permission_required("partnerships.add_agreement", raise_exception=True)
def agreement_create(request: HttpRequest) -> HttpResponse:
    return _agreement_form(request, None)


@login_required
@permission_required("partnerships.change_agreement", raise_exception=True)
def agreement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _agreement_form(request, get_object_or_404(Agreement.objects.for_access(request.access), pk=pk))


@login_required
@permission_required("partnerships.add_agreement", raise_exception=True)
def agreement_renew(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: what the renewal would make, to confirm (cancelling leaves nothing behind); POST:
    make it."""
    agreement = get_object_or_404(Agreement.objects.for_access(request.access), pk=pk)
    try:
        if request.method != "POST":
            return render(
                request,
                "partnerships/agreement_renew.html",
                {"agreement": agreement, "renewal": services.plan_renewal(agreement)},
            )
        successor = services.renew(agreement=agreement)
    except services.RenewalRefused as refusal:
        messages.error(request, refusal.message)
        return redirect(refusal.successor or agreement)
    messages.success(
        request,
        _("A draft that follows “%(name)s” was saved. Check its dates and amounts.")
        % {"name": agreement.name},
    )
    for warning in budget.warn(successor):
        messages.warning(request, warning)
    return redirect("partnerships:agreement_edit", pk=successor.pk)


@login_required
@permission_required("partnerships.change_agreement", raise_exception=True)
@require_POST
def attachment_upload(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = get_object_or_404(Agreement.objects.for_access(request.access), pk=pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            attachment = services.attach(form=form, agreement=agreement, by=request.user)
        except StorageUnavailable:
            messages.error(request, _("Nothing was attached: %(error)s") % {"error": NOT_SAVED})
        else:
            messages.success(request, _("“%(name)s” was attached.") % {"name": attachment.original_name})
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, _("Nothing was attached: %(error)s") % {"error": error})
    return redirect(agreement)


@login_required
def attachment_download(request: HttpRequest, pk: int, attachment_pk: int) -> FileResponse:
    """Serve an attachment to a user who may see its agreement; 404 for anyone else."""
    agreement = get_object_or_404(Agreement.objects.for_access(request.access), pk=pk)
    attachment = get_object_or_404(agreement.attachments, pk=attachment_pk)
    try:
        stored = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    except STORAGE_ERRORS:
        return storage_unavailable(request)
    response = FileResponse(
        stored,
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response
