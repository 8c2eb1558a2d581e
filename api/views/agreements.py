"""Agreements, with a year's amounts, occupancy and key figures."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from participants import occupancy
from participants import permissions as participant_permissions
from partnerships.guidelines import criteria_by_agreement
from partnerships.models import Agreement, AgreementParty
from reports.keyfigures import build_key_figures
from reports.models import Memo

from .. import serializers
from ..caching import ConditionalReadMixin
from ..filters import AgreementFilter
from ..schema import FIELD_ERRORS
from .common import AGREEMENT_YEAR, YEAR, year_of
from .figures import key_figures_data


@extend_schema_view(list=extend_schema(parameters=[YEAR]), retrieve=extend_schema(parameters=[YEAR]))
class AgreementViewSet(ConditionalReadMixin, viewsets.ReadOnlyModelViewSet):
    """Agreements with their parties, criteria, and `amounts` and `occupancy` for `?year=`.
    Filters: `committee`, `status` (as of today), `stage`, `valid_in` (a year)."""

    serializer_class = serializers.AgreementSerializer
    queryset = Agreement.objects.none()
    filter_backends = [DjangoFilterBackend]
    filterset_class = AgreementFilter

    def get_queryset(self) -> QuerySet:
        if getattr(self, "swagger_fake_view", False):
            return Agreement.objects.none()
        return (
            Agreement.objects.for_access(self.request.access)
            .with_status()
            .select_related("committee", "guideline", "termination")
            .prefetch_related(
                Prefetch("parties", queryset=AgreementParty.objects.select_related("partner")),
                "criteria",
                "guideline__criteria",
                "amendments",
                Prefetch(
                    "memos",
                    queryset=Memo.objects.filter(decision__isnull=False)
                    .select_related("decision")
                    .order_by("decision__meeting_date", "pk"),
                    to_attr="decided_memos",
                ),
                "goals__area",
                "goals__indicators",
            )
            .order_by("name", "valid_from", "pk")
        )

    def _context_for(self, agreements: list[Agreement]) -> dict:
        year = year_of(self.request)
        return {
            **self.get_serializer_context(),
            "year": year,
            "occupancy": occupancy.usage_by_agreement(agreements, year),
            "criterion_texts": {
                pk: {criterion.number: criterion.text for criterion in criteria}
                for pk, criteria in criteria_by_agreement(agreements).items()
            },
        }

    def list(self, request: Request, *args: object, **kwargs: object) -> Response:
        queryset = self.filter_queryset(self.get_queryset())
        page = list(self.paginate_queryset(queryset))
        data = serializers.AgreementSerializer(page, many=True, context=self._context_for(page)).data
        return self.get_paginated_response(data)

    def retrieve(self, request: Request, *args: object, **kwargs: object) -> Response:
        agreement = self.get_object()
        return Response(
            serializers.AgreementSerializer(agreement, context=self._context_for([agreement])).data
        )

    @extend_schema(
        parameters=[AGREEMENT_YEAR],
        responses={
            200: serializers.KeyFiguresSerializer,
            400: OpenApiResponse(
                FIELD_ERRORS,
                description=(
                    "`year` is not a year 2000–2100, or the agreement is not valid in it: "
                    '`{"year": ["…"]}`, the message naming the years it is valid in.'
                ),
            ),
        },
    )
    @action(detail=True, url_path="key-figures", pagination_class=None, filter_backends=[])
    def key_figures(self, request: Request, pk: str | None = None) -> Response:
        """The agreement's key figures for `?year=`, a year it is valid in (without: as the
        agreement page chooses), counts under five suppressed unless the token may see
        participants. Another year is a 400, never another year's figures (issue 21, row 16:
        `?year=2021` answered for 2024)."""
        agreement = self.get_object()
        requested = year_of(request, default=-1)
        years = occupancy.agreement_years(agreement)
        if requested != -1 and requested not in years:
            raise ValidationError(
                {
                    "year": [
                        _("The agreement is not valid in %(year)s, only in %(first)s–%(last)s.")
                        % {"year": requested, "first": years[0], "last": years[-1]}
                    ]
                }
            )
        year = occupancy.choose_year(agreement, None if requested == -1 else requested, timezone.localdate())
        figures = build_key_figures([agreement], year).of(agreement)
        masked = not participant_permissions.can_see_participants(request.access, agreement)
        return Response(key_figures_data(figures, masked=masked, agreement=agreement.pk))
