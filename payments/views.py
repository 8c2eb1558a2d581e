"""The payments pages: every plan's planned, paid and outstanding; one agreement's instalments."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import DecimalField, Prefetch, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import pagecache
from core.forms import YearForm
from partnerships import pagescope
from partnerships.models import Agreement, AgreementParty

from . import export, permissions, services
from .forms import PaidForm, PlanForm, WithholdForm
from .models import Instalment, PaymentPlan

PAGE_SIZE = 50


def _require_view(request: HttpRequest) -> None:
    if not permissions.can_see_payments(request.access):
        raise PermissionDenied


def _year(request: HttpRequest, *, default: int | None) -> int | None:
    form = YearForm(request.GET)
    if not form.is_valid():
        raise Http404(_("No such year."))
    return form.cleaned_data["year"] or default


@login_required
def payment_list(request: HttpRequest) -> HttpResponse:
    """Each decided agreement of the year: its plan's planned, paid, withheld and outstanding,
    PAGE_SIZE agreements a page (issue 22: 5,700 rows took a second to print at national scale);
    from the cache (core/pagecache.py) while nothing of the viewer's committees' year changed."""
    _require_view(request)
    year = _year(request, default=timezone.localdate().year)
    return pagecache.page(
        request,
        "payments/payment_list.html",
        lambda: _payment_list_context(request, year),
        name="payments",
        current=pagecache.scoped(
            pagescope.scope(
                request.access,
                years=(year, year),
                children=((PaymentPlan, "agreement_id"), (Instalment, "agreement_id")),
            )
        ),
        parts=(year,),
    )


def _payment_list_context(request: HttpRequest, year: int) -> dict:
    """The page's agreements are chosen first, then only they are summed: counting and paging
    the sums of every agreement's instalments read them all twice (issue 22). The totals are
    every agreement's, summed in SQL."""
    listed = (
        Agreement.objects.for_access(request.access)
        .decided()
        .valid_in(year)
        .order_by("committee__name", "name", "valid_from", "pk")
    )
    # The page's agreements are chosen first, then only they are summed: counting and paging
    # the sums of every agreement's instalments read them all twice (issue 22).
    page = Paginator(listed.values_list("pk", flat=True), PAGE_SIZE).get_page(request.GET.get("page"))
    ids = list(page)
    summed = {agreement.pk: agreement for agreement in _with_sums(listed.filter(pk__in=ids), year)}
    page.object_list = [summed[pk] for pk in ids]
    totals = Instalment.objects.for_access(request.access).filter(year=year).totals()
    return {"agreements": page, "page": page, "year": year, "totals": totals}


def _with_sums(agreements: QuerySet, year: int) -> QuerySet:
    """Annotate each agreement's planned (cancelled instalments left out, issue 26), paid,
    withheld and outstanding in `year`."""
    zero = Value(0, output_field=DecimalField(max_digits=14, decimal_places=0))
    in_year = Q(instalments__year=year)
    return agreements.select_related("committee", "payment_plan").annotate(
        planned=Coalesce(
            Sum("instalments__amount", filter=in_year & ~Q(instalments__status="cancelled")), zero
        ),
        paid=Coalesce(Sum("instalments__paid_amount", filter=in_year & Q(instalments__status="paid")), zero),
        withheld=Coalesce(
            Sum("instalments__amount", filter=in_year & Q(instalments__status="withheld")), zero
        ),
        outstanding=Coalesce(
            Sum("instalments__amount", filter=in_year & Q(instalments__status="planned")), zero
        ),
    )


def _agreement(request: HttpRequest, pk: int) -> Agreement:
    return get_object_or_404(
        Agreement.objects.for_access(request.access)
        .select_related("committee")
        .prefetch_related("amendments"),
        pk=pk,
    )


@login_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the agreement's instalments year by year. POST: set up the plan or change its
    frequency (officials), then bring it in step with the agreement's schedule."""
    _require_view(request)
    agreement = _agreement(request, pk)
    plan = PaymentPlan.objects.filter(agreement=agreement).first()
    if request.method == "POST":
        if not permissions.can_manage_payments(request.access, agreement):
            raise PermissionDenied
        form = PlanForm(request.POST)
        if form.is_valid():
            try:
                services.set_up_plan(
                    agreement=agreement, frequency=form.cleaned_data["frequency"], by=request.user
                )
            except services.PlanRefused as refusal:
                messages.error(request, refusal.message)
            else:
                messages.success(request, _("The payment plan was saved."))
            return redirect("payments:plan_detail", pk=agreement.pk)
    else:
        form = PlanForm(
            initial={"frequency": plan.frequency if plan else services.proposed_frequency(agreement)}
        )
    instalments = list(agreement.instalments.select_related("recorded_by"))
    for instalment in instalments:  # each row's own field ids
        instalment.paid_form = PaidForm(auto_id=f"id_paid_{instalment.pk}_%s")
        instalment.withhold_form = WithholdForm(auto_id=f"id_withhold_{instalment.pk}_%s")
    years = []
    for amounts in agreement.schedule():
        rows = [i for i in instalments if i.year == amounts.year]
        years.append(
            {
                "amounts": amounts,
                "instalments": rows,
                "planned": sum(i.amount for i in rows if not i.is_cancelled),
                "paid": sum(i.paid_amount for i in rows if i.status == Instalment.Status.PAID),
                "outstanding": sum(i.amount for i in rows if i.status == Instalment.Status.PLANNED),
            }
        )
    return render(
        request,
        "payments/plan_detail.html",
        {
            "agreement": agreement,
            "plan": plan,
            "form": form,
            "years": years,
            "in_step": plan is None or services.is_in_step(agreement, instalments),
            # ended early (issue 26): what was cancelled after the last day, and overpaid years
            "cancelled": [i for i in instalments if i.is_cancelled and i.year > agreement.effective_end.year],
            "overpaid": services.overpaid_years(agreement, instalments),
        },
    )


def _instalment(request: HttpRequest, pk: int) -> Instalment:
    instalment = get_object_or_404(
        Instalment.objects.for_access(request.access).select_related("agreement"), pk=pk
    )
    if not permissions.can_manage_payments(request.access, instalment.agreement):
        raise PermissionDenied
    return instalment


def _report(request: HttpRequest, form: forms.Form) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, _("Nothing was recorded: %(error)s") % {"error": error})


@login_required
@permission_required("payments.change_instalment", raise_exception=True)
@require_POST
def instalment_paid(request: HttpRequest, pk: int) -> HttpResponse:
    instalment = _instalment(request, pk)
    form = PaidForm(request.POST)
    if not form.is_valid():
        _report(request, form)
    else:
        try:
            services.mark_paid(
                instalment=instalment,
                paid_on=form.cleaned_data["paid_on"],
                amount=form.cleaned_data["amount"],
                reference=form.cleaned_data["reference"],
                by=request.user,
            )
        except services.PlanRefused as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(request, _("The instalment was marked paid."))
    return redirect("payments:plan_detail", pk=instalment.agreement_id)


@login_required
@permission_required("payments.change_instalment", raise_exception=True)
@require_POST
def instalment_withhold(request: HttpRequest, pk: int) -> HttpResponse:
    instalment = _instalment(request, pk)
    form = WithholdForm(request.POST)
    if not form.is_valid():
        _report(request, form)
    else:
        try:
            services.withhold(instalment=instalment, reason=form.cleaned_data["reason"], by=request.user)
        except services.PlanRefused as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(request, _("The instalment was withheld."))
    return redirect("payments:plan_detail", pk=instalment.agreement_id)


def _exported(request: HttpRequest) -> tuple[QuerySet, str]:
    _require_view(request)
    year = _year(request, default=None)
    instalments = (
        Instalment.objects.for_access(request.access)
        .select_related("agreement__committee")
        .prefetch_related(
            Prefetch("agreement__parties", queryset=AgreementParty.objects.select_related("partner"))
        )
        .order_by("agreement__committee__name", "agreement__name", "agreement_id", "year", "number")
    )
    if year is not None:
        instalments = instalments.filter(year=year)
    return instalments, f"iop-utbetalningar-{year}" if year else "iop-utbetalningar"


@login_required
def export_xlsx(request: HttpRequest) -> HttpResponse:
    instalments, name = _exported(request)
    response = HttpResponse(
        export.as_xlsx(instalments),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


@login_required
def export_csv(request: HttpRequest) -> HttpResponse:
    instalments, name = _exported(request)
    response = HttpResponse(export.as_csv(instalments), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response
