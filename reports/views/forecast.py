"""The budget forecast as a spreadsheet (the page is partnerships:forecast)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from core.params import whole_number
from partnerships.forecast import build_forecast
from partnerships.models import Agreement, BudgetFrame

from .. import xlsx


@login_required
@permission_required("partnerships.view_agreement", raise_exception=True)
def forecast_xlsx(request: HttpRequest) -> HttpResponse:
    committee_id = request.GET.get("committee", "")
    if committee_id and whole_number(committee_id) is None:
        raise Http404(_("No such committee."))
    visible = request.access.visible_committees()
    committee = (
        get_object_or_404(visible, pk=int(committee_id))
        if committee_id
        else xlsx.overview_committee(None, among=visible)
    )
    if committee is None:
        raise Http404(_("Choose a committee."))
    agreements = Agreement.objects.for_access(request.access).for_forecast().filter(committee=committee)
    frames = BudgetFrame.objects.for_access(request.access).by_year(committee)
    content = xlsx.forecast_workbook(committee, build_forecast(agreements, frames))
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="iop-prognos-{committee.abbreviation.lower()}.xlsx"'
    )
    return response
