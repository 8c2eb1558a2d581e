"""Pages for agreements and partners: thin views over models, forms and services."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_tables2 import RequestConfig

from accounts.membership import is_partner_user
from iop_registry import history

from . import services
from .concurrency import EditConflict
from .filters import AgreementFilter
from .forecast import bar_chart, build_forecast
from .forms import (
    AgreementForm,
    AttachmentForm,
    CriteriaForm,
    PartnerForm,
    PartyFormSet,
    YearForm,
    criteria_rows,
)
from .models import Agreement, AgreementAttachment, AgreementCriterion, AgreementParty, Partner
from .tables import OverviewTable, overview_rows


@login_required
@permission_required("partnerships.view_agreement", raise_exception=True)
def overview(request):
    """The committee's overview table for one year, amounts in that year's prices."""
    agreements = Agreement.objects.visible_to(request.user)
    year_form = YearForm(request.GET)
    if not year_form.is_valid():
        raise Http404(_("No such year."))
    today = timezone.localdate()
    years = agreements.years()
    year = year_form.cleaned_data["year"] or services.default_overview_year(years, today)
    # Status as it was at the end of the year shown (or today, for this year), so "active"
    # in 2022 means active then.
    filterset = AgreementFilter(request.GET, queryset=agreements.with_status(min(today, date(year, 12, 31))))
    shown = filterset.qs
    if not (filterset.is_valid() and filterset.form.cleaned_data.get("status")):
        shown = shown.decided()  # the committee's figures count decided agreements; drafts on request
    rows = overview_rows(shown, year)
    abbreviations = {row.agreement.committee.abbreviation for row in rows}
    table = OverviewTable(
        rows, committee_abbreviation=abbreviations.pop() if len(abbreviations) == 1 else None
    )
    RequestConfig(request, paginate=False).configure(table)
    return render(
        request,
        "partnerships/overview.html",
        {"table": table, "filter": filterset, "year": year, "years": years, "row_count": len(rows)},
    )


@login_required
def agreement_detail(request, pk: int):
    agreement = get_object_or_404(
        Agreement.objects.visible_to(request.user)
        .select_related("committee", "predecessor", "responsible")
        .prefetch_related(
            Prefetch("parties", queryset=AgreementParty.objects.select_related("partner")), "criteria"
        ),
        pk=pk,
    )
    return render(
        request,
        "partnerships/agreement_detail.html",
        {
            "agreement": agreement,
            "schedule": agreement.schedule(),
            "criteria": agreement.criteria.all(),
            "chain": agreement.chain(),
            "attachments": agreement.attachments.select_related("uploaded_by"),
            "attachment_form": AttachmentForm()
            if request.user.has_perm("partnerships.change_agreement")
            else None,
            "history": []
            if is_partner_user(request.user)
            else history.merged(
                history.changes(agreement.history.all()),
                history.changes(
                    AgreementParty.history.filter(agreement_id=agreement.pk),
                    what=str(AgreementParty._meta.verbose_name),
                ),
                history.changes(
                    AgreementAttachment.history.filter(agreement_id=agreement.pk),
                    what=str(AgreementAttachment._meta.verbose_name),
                ),
                history.changes(
                    AgreementCriterion.history.filter(agreement_id=agreement.pk),
                    what=str(AgreementCriterion._meta.verbose_name),
                ),
            ),
        },
    )


def _agreement_form(request, agreement: Agreement | None):
    instance = agreement or Agreement()
    data = request.POST if request.method == "POST" else None
    form = AgreementForm(data, instance=instance)
    parties = PartyFormSet(data, instance=instance, prefix="parties")
    criteria = CriteriaForm(data, agreement=instance, prefix="criteria")
    conflict = False
    if data is not None and form.is_valid() and parties.is_valid() and criteria.is_valid():
        if form.instance.pk is None and form.instance.responsible_id is None:
            form.instance.responsible = request.user  # whoever registers it, by default (issue 12)
        try:
            saved = services.save_agreement(form=form, parties=parties, criteria=criteria)
        except EditConflict:
            conflict = True
        else:
            messages.success(request, _("The agreement “%(name)s” was saved.") % {"name": saved.name})
            return redirect(saved)
    return render(
        request,
        "partnerships/agreement_form.html",
        {
            "form": form,
            "parties": parties,
            "criteria": criteria,
            "criteria_rows": criteria_rows(criteria),
            "agreement": agreement,
            "conflict": conflict,
        },
        status=409 if conflict else 200,
    )


@login_required
@permission_required("partnerships.add_agreement", raise_exception=True)
def agreement_create(request):
    return _agreement_form(request, None)


@login_required
@permission_required("partnerships.change_agreement", raise_exception=True)
def agreement_edit(request, pk: int):
    return _agreement_form(request, get_object_or_404(Agreement.objects.visible_to(request.user), pk=pk))


@login_required
@permission_required("partnerships.add_agreement", raise_exception=True)
@require_POST
def agreement_renew(request, pk: int):
    agreement = get_object_or_404(Agreement.objects.visible_to(request.user), pk=pk)
    try:
        successor = services.renew(agreement=agreement)
    except services.RenewalRefused as refusal:
        messages.error(request, refusal.message)
        return redirect(refusal.successor or agreement)
    messages.success(
        request,
        _("A draft that follows “%(name)s” was saved. Check its dates and amounts.")
        % {"name": agreement.name},
    )
    return redirect("partnerships:agreement_edit", pk=successor.pk)


@login_required
@permission_required("partnerships.change_agreement", raise_exception=True)
@require_POST
def attachment_upload(request, pk: int):
    agreement = get_object_or_404(Agreement.objects.visible_to(request.user), pk=pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        attachment = services.attach(form=form, agreement=agreement, by=request.user)
        messages.success(request, _("“%(name)s” was attached.") % {"name": attachment.original_name})
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, _("Nothing was attached: %(error)s") % {"error": error})
    return redirect(agreement)


@login_required
def attachment_download(request, pk: int, attachment_pk: int):
    """Serve an attachment to a user who may see its agreement; 404 for anyone else."""
    agreement = get_object_or_404(Agreement.objects.visible_to(request.user), pk=pk)
    attachment = get_object_or_404(agreement.attachments, pk=attachment_pk)
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@permission_required("partnerships.view_partner", raise_exception=True)
def partner_list(request):
    partners = Partner.objects.with_agreement_count()
    return render(request, "partnerships/partner_list.html", {"partners": partners})


@login_required
@permission_required("partnerships.view_partner", raise_exception=True)
def partner_detail(request, pk: int):
    partner = get_object_or_404(Partner, pk=pk)
    agreements = Agreement.objects.visible_to(request.user).filter(parties__partner=partner).for_listing()
    return render(
        request,
        "partnerships/partner_detail.html",
        {"partner": partner, "agreements": agreements, "history": history.changes(partner.history.all())},
    )


def _partner_form(request, partner: Partner | None):
    form = PartnerForm(request.POST or None, instance=partner)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(request, _("The partner “%(name)s” was saved.") % {"name": saved.name})
        return redirect(saved)
    return render(request, "partnerships/partner_form.html", {"form": form, "partner": partner})


@login_required
@permission_required("partnerships.add_partner", raise_exception=True)
def partner_create(request):
    return _partner_form(request, None)


@login_required
@permission_required("partnerships.change_partner", raise_exception=True)
def partner_edit(request, pk: int):
    return _partner_form(request, get_object_or_404(Partner, pk=pk))


@login_required
@permission_required("partnerships.view_agreement", raise_exception=True)
def forecast(request):
    """The budget forecast: each committee's committed cost per calendar year (partnerships/forecast.py)."""
    agreements = (
        Agreement.objects.visible_to(request.user)
        .decided()
        .select_related("committee")
        .order_by("valid_from", "name")
    )
    by_committee: dict = {}
    for agreement in agreements:
        by_committee.setdefault(agreement.committee, []).append(agreement)
    committees = []
    for committee, rows in sorted(by_committee.items(), key=lambda item: item[0].name):
        built = build_forecast(rows)
        committees.append(
            {
                "committee": committee,
                "forecast": built,
                "rows": [(row.agreement, row.cells(built.years)) for row in built.rows],
                "totals": [built.total_for(year) for year in built.years],
                "chart": bar_chart(built.totals),
            }
        )
    return render(request, "partnerships/forecast.html", {"committees": committees})
