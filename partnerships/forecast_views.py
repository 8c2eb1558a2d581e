"""The budget forecast page: each committee's committed cost per year against its budget frame
(partnerships/forecast.py; issue 24 for the frame)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse

from core import pagecache

from . import pagescope
from .forecast import bar_chart, build_forecast
from .models import Agreement, BudgetFrame


@login_required
@permission_required("partnerships.view_agreement", raise_exception=True)
def forecast(request: HttpRequest) -> HttpResponse:
    """The budget forecast: each committee's committed cost per calendar year (partnerships/forecast.py);
    from the cache (core/pagecache.py) while nothing of the viewer's committees changed, their
    budget frames included (issue 22, issue 24)."""
    return pagecache.page(
        request,
        "partnerships/forecast.html",
        lambda: _forecast_context(request),
        name="forecast",
        current=pagecache.scoped(pagescope.scope(request.access, years=None, shared=(BudgetFrame,))),
    )


def _forecast_context(request: HttpRequest) -> dict:
    agreements = Agreement.objects.for_access(request.access).for_forecast().select_related("committee")
    by_committee: dict = {}
    for agreement in agreements:
        by_committee.setdefault(agreement.committee, []).append(agreement)
    frames: dict = {}
    for frame in BudgetFrame.objects.for_access(request.access):
        frames.setdefault(frame.committee_id, {})[frame.year] = frame.amount
    committees = []
    for committee, rows in sorted(by_committee.items(), key=lambda item: item[0].name):
        built = build_forecast(rows, frames.get(committee.pk))
        committees.append(
            {
                "committee": committee,
                "forecast": built,
                "rows": [(row.agreement, row.cells(built.years)) for row in built.rows],
                "totals": [built.total_for(year) for year in built.years],
                "frames": [built.frame_for(year) for year in built.years],
                "left": [built.left_within_frame(year) for year in built.years],
                "chart": bar_chart(built.totals),
            }
        )
    return {"committees": committees}
