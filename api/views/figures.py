"""The aggregates for municipal staff: the forecast and the committees' key figures."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import permissions
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.params import whole_number
from participants import permissions as participant_permissions
from partnerships.forecast import build_forecast
from partnerships.models import Agreement, BudgetFrame
from reports.keyfigures import KeyFigures, build_key_figures

from .. import serializers
from ..caching import ConditionalReadMixin
from .common import COMMITTEE, YEAR, IsMunicipal, year_of


def year_key_figures_data(figures: KeyFigures, *, masked: bool) -> dict:
    """One year of `figures` as YearKeyFiguresSerializer reads it."""
    gender_fields = (
        "gender",
        "enrolled",
        "ended",
        "work_or_studies",
        "share",
        "followed_up_6",
        "work_or_studies_6",
        "share_6",
        "followed_up_12",
        "work_or_studies_12",
        "share_12",
    )
    return {
        "year": figures.year,
        "committee_cost": figures.committee_cost,
        "partner_contribution": figures.partner_contribution,
        "contributions": [
            {"party": c.party, "committee": c.committee, "promised": c.promised, "reported": c.reported}
            for c in figures.contributions
        ],
        "capacity_places": figures.capacity_places,
        "capacity_individuals": figures.capacity_individuals,
        "full_year_places": round(figures.full_year_places, 1),
        "utilisation": figures.utilisation,
        "enrolled": figures.enrolled,
        "ended": figures.ended,
        "cost_per_place": figures.cost_per_place,
        "cost_per_participant": figures.cost_per_participant,
        "co_financing_ratio": figures.co_financing_ratio,
        "work_or_studies_share": figures.work_or_studies_share,
        "work_or_studies_share_6": figures.share_after(6),
        "work_or_studies_share_12": figures.share_after(12),
        "by_gender": [{key: row[key] for key in gender_fields} for row in figures.gender_rows(masked=masked)],
    }


def key_figures_data(
    figures: KeyFigures, *, masked: bool, agreement: int | None = None, committee: int | None = None
) -> dict:
    """The figures of reports.keyfigures.build_key_figures, with their previous year."""
    previous = figures.previous
    return serializers.KeyFiguresSerializer(
        {
            **year_key_figures_data(figures, masked=masked),
            "agreement": agreement,
            "committee": committee,
            "previous": year_key_figures_data(previous, masked=masked) if previous is not None else None,
        }
    ).data


class ForecastView(ConditionalReadMixin, APIView):
    """The budget forecast per committee: committed cost per calendar year (partnerships/forecast.py)."""

    permission_classes = [permissions.IsAuthenticated, IsMunicipal]

    @extend_schema(parameters=[COMMITTEE], responses=serializers.ForecastSerializer(many=True))
    def get(self, request: Request) -> Response:
        agreements = Agreement.objects.for_access(request.access).for_forecast().select_related("committee")
        committee = request.query_params.get("committee")
        if committee:
            if whole_number(committee) is None:
                raise ValidationError({"committee": _("No such committee.")})
            agreements = agreements.filter(committee=whole_number(committee))
        by_committee: dict = {}
        for agreement in agreements:
            by_committee.setdefault(agreement.committee, []).append(agreement)
        frames: dict = {}
        for frame in BudgetFrame.objects.for_access(request.access):
            frames.setdefault(frame.committee_id, {})[frame.year] = frame.amount
        result = []
        for committee, rows in sorted(by_committee.items(), key=lambda item: item[0].name):
            built = build_forecast(rows, frames.get(committee.pk))
            result.append(
                {
                    "committee": committee,
                    "years": built.years,
                    "rows": [
                        {"agreement": row.agreement, "costs": {str(y): c for y, c in row.costs.items()}}
                        for row in built.rows
                    ],
                    "totals": {str(year): built.total_for(year) for year in built.years},
                    "frames": {str(year): amount for year, amount in sorted(built.frames.items())},
                    "left_within_frame": {
                        str(year): built.left_within_frame(year) for year in sorted(built.frames)
                    },
                }
            )
        return Response(serializers.ForecastSerializer(result, many=True).data)


class KeyFiguresView(ConditionalReadMixin, APIView):
    """Each committee's key figures for `?year=` (reports/keyfigures.py, the one builder): the
    sum over its decided agreements that ran in the year, beside the previous year's, counts
    suppressed as on the pages."""

    permission_classes = [permissions.IsAuthenticated, IsMunicipal]

    @extend_schema(parameters=[YEAR, COMMITTEE], responses=serializers.KeyFiguresSerializer(many=True))
    def get(self, request: Request) -> Response:
        year = year_of(request)
        agreements = Agreement.objects.for_access(request.access).decided().select_related("committee")
        committee = request.query_params.get("committee")
        if committee:
            if whole_number(committee) is None:
                raise ValidationError({"committee": _("No such committee.")})
            agreements = agreements.filter(committee=whole_number(committee))
        report = build_key_figures(
            agreements.valid_in(year), year, previous_agreements=agreements.valid_in(year - 1)
        )
        masked = not participant_permissions.can_see_participants(request.access)
        return Response(
            [
                key_figures_data(total, masked=masked, committee=committee.pk)
                for committee, total in report.committees
            ]
        )
