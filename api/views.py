"""The API's endpoints: read-only over the register, and a partner's follow-up.

Every QuerySet starts from `for_access(request.access)` (accounts.access), so the API reaches
exactly what the pages reach: a partner token its own organisation's decided agreements and their
follow-ups, municipal staff their committees'. Aggregates (the forecast, the committees' key
figures) are for municipal staff, as their pages are. Every read answers a conditional GET with
a 304 when nothing it shows has changed for the caller (api/caching.py).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core import versioncache
from core.concurrency import EditConflict, save_versioned
from core.forms import YearForm
from participants import occupancy
from participants import permissions as participant_permissions
from partnerships.forecast import SHOWN as FORECAST_SHOWN
from partnerships.forecast import build_forecast
from partnerships.guidelines import criteria_by_agreement
from partnerships.models import Agreement, AgreementParty, Committee, Partner
from portal import permissions as portal_permissions
from reports import followups
from reports.forms import FollowUpForm
from reports.keyfigures import KEY_FIGURES_SHOWN, KeyFigures, key_figures
from reports.models import FollowUp

from . import serializers
from .caching import ConditionalReadMixin
from .filters import AgreementFilter, FollowUpFilter
from .schema import FIELD_ERRORS

YEAR = OpenApiParameter("year", OpenApiTypes.INT, description="Calendar year (2000–2100); default this year.")
AGREEMENT_YEAR = OpenApiParameter(
    "year",
    OpenApiTypes.INT,
    description=(
        "A calendar year the agreement is valid in; another year answers 400. "
        "Default: this year, or the agreement's first or last year when it is not valid this year."
    ),
)
COMMITTEE = OpenApiParameter("committee", OpenApiTypes.INT, description="A committee's id.")


def year_of(request: Request, default: int | None = None) -> int:
    """`?year=`, 2000–2100, or `default` (this year)."""
    form = YearForm(request.query_params)
    if not form.is_valid():
        raise ValidationError({"year": form.errors["year"]})
    return form.cleaned_data["year"] or default or timezone.localdate().year


class IsMunicipal(permissions.BasePermission):
    """Municipal staff who may see agreements: the pages of aggregates are theirs only."""

    def has_permission(self, request: Request, view: APIView) -> bool:
        access = request.access
        return not access.is_partner and access.has_perm("partnerships.view_agreement")


class CommitteeViewSet(ConditionalReadMixin, viewsets.ReadOnlyModelViewSet):
    """The committees whose agreements the token reaches."""

    serializer_class = serializers.CommitteeSerializer
    queryset = Committee.objects.none()  # for the schema; requests use get_queryset

    def get_queryset(self) -> QuerySet:
        if getattr(self, "swagger_fake_view", False):
            return Committee.objects.none()
        agreements = Agreement.objects.for_access(self.request.access)
        if self.request.access.is_partner:
            return Committee.objects.filter(agreements__in=agreements).distinct().order_by("name")
        if not self.request.access.has_perm("partnerships.view_committee"):
            return Committee.objects.none()
        return self.request.access.in_committees(Committee.objects.all(), "pk").order_by("name")


class PartnerViewSet(ConditionalReadMixin, viewsets.ReadOnlyModelViewSet):
    """Partner organisations: municipal staff every one, a partner token its own."""

    serializer_class = serializers.PartnerSerializer
    queryset = Partner.objects.none()

    def get_queryset(self) -> QuerySet:
        if getattr(self, "swagger_fake_view", False):
            return Partner.objects.none()
        access = self.request.access
        if access.is_partner:
            return Partner.objects.filter(pk=access.partner.pk) if access.partner else Partner.objects.none()
        if access.has_perm("partnerships.view_partner"):
            return Partner.objects.order_by("name")
        return Partner.objects.none()


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
            .select_related("committee", "guideline")
            .prefetch_related(
                Prefetch("parties", queryset=AgreementParty.objects.select_related("partner")),
                "criteria",
                "guideline__criteria",
                "amendments",
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
        figures = key_figures([agreement], year)[agreement.pk]
        masked = not participant_permissions.can_see_participants(request.access, agreement)
        return Response(key_figures_data(figures, masked=masked, agreement=agreement.pk))


def key_figures_data(
    figures: KeyFigures, *, masked: bool, agreement: int | None = None, committee: int | None = None
) -> dict:
    rows = [
        {key: row[key] for key in ("gender", "enrolled", "ended", "work_or_studies", "share")}
        for row in figures.gender_rows(masked=masked)
    ]
    return serializers.KeyFiguresSerializer(
        {
            "year": figures.year,
            "agreement": agreement,
            "committee": committee,
            "committee_cost": figures.committee_cost,
            "partner_contribution": figures.partner_contribution,
            "full_year_places": round(figures.full_year_places, 1),
            "cost_per_place": figures.cost_per_place,
            "cost_per_participant": figures.cost_per_participant,
            "co_financing_ratio": figures.co_financing_ratio,
            "work_or_studies_share": figures.work_or_studies_share,
            "by_gender": rows,
        }
    ).data


class FollowUpViewSet(ConditionalReadMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Yearly follow-ups. A partner token may also write its own organisation's (POST): the same
    form and steps as the portal (save as a draft, or `submit: true` to submit it for approval)."""

    serializer_class = serializers.FollowUpSerializer
    queryset = FollowUp.objects.none()
    filter_backends = [DjangoFilterBackend]
    filterset_class = FollowUpFilter

    def get_queryset(self) -> QuerySet:
        return (
            FollowUp.objects.for_access(self.request.access)
            .select_related("agreement")
            .order_by("-year", "agreement__name", "pk")
        )

    @extend_schema(
        request=serializers.FollowUpWriteSerializer,
        responses={200: serializers.FollowUpSerializer, 201: serializers.FollowUpSerializer},
    )
    def create(self, request: Request, *args: object, **kwargs: object) -> Response:
        access = request.access
        if access.partner is None:
            raise PermissionDenied(_("Only a partner organisation's token writes follow-ups."))
        incoming = serializers.FollowUpWriteSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        year = data["year"]
        agreement = get_object_or_404(
            Agreement.objects.for_access(access).valid_in(year), pk=data["agreement"]
        )
        if year > timezone.localdate().year:
            raise Http404(_("That year has not begun."))
        follow_up = FollowUp.objects.filter(agreement=agreement, year=year).first() or FollowUp(
            agreement=agreement, year=year
        )
        created = follow_up.pk is None
        if not portal_permissions.can_write_followup(access, follow_up):
            raise ValidationError(_("The follow-up has been submitted and can no longer be changed here."))
        fields = ["enrolled", "enrolled_override_reason", "delivery_mode", "summary", "challenges", "results"]
        posted = {field: data.get(field) for field in fields}
        posted = {key: "" if value is None else value for key, value in posted.items()}
        if follow_up.pk is not None:
            posted["seen_version"] = follow_up.version
        form = FollowUpForm(
            posted, instance=follow_up, from_placements=followups.enrolled_from_placements(agreement, year)
        )
        if not form.is_valid():
            raise ValidationError(form.errors)
        try:
            saved = save_versioned(form)
        except EditConflict:
            saved = None
        if saved is None:
            return Response(
                {"detail": _("Someone else changed this follow-up at the same time. Try again.")},
                status=status.HTTP_409_CONFLICT,
            )
        if data["submit"]:
            try:
                saved = followups.submit(follow_up=saved, by=request.user)
            except DjangoValidationError as error:
                raise ValidationError({"submit": error.messages}) from None
        return Response(
            serializers.FollowUpSerializer(saved).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )


class ForecastView(ConditionalReadMixin, APIView):
    """The budget forecast per committee: committed cost per calendar year (partnerships/forecast.py)."""

    permission_classes = [permissions.IsAuthenticated, IsMunicipal]

    @extend_schema(parameters=[COMMITTEE], responses=serializers.ForecastSerializer(many=True))
    def get(self, request: Request) -> Response:
        agreements = Agreement.objects.for_access(request.access).for_forecast().select_related("committee")
        committee = request.query_params.get("committee")
        if committee:
            if not (committee.isascii() and committee.isdigit() and len(committee) < 10):
                raise ValidationError({"committee": _("No such committee.")})
            agreements = agreements.filter(committee=int(committee))

        def build() -> list:
            by_committee: dict = {}
            for agreement in agreements:
                by_committee.setdefault(agreement.committee, []).append(agreement)
            result = []
            for one, rows in sorted(by_committee.items(), key=lambda item: item[0].name):
                built = build_forecast(rows)
                result.append(
                    {
                        "committee": one,
                        "years": built.years,
                        "rows": [
                            {"agreement": row.agreement, "costs": {str(y): c for y, c in row.costs.items()}}
                            for row in built.rows
                        ],
                        "totals": {str(year): built.total_for(year) for year in built.years},
                    }
                )
            return serializers.ForecastSerializer(result, many=True).data

        # Kept until a committee, agreement or amendment changes (core/versioncache.py): every
        # agreement's schedule took a second of Python at national scale (issue 22).
        return Response(
            versioncache.kept(
                "api-forecast",
                [committee or "", request.access.committees_key, get_language()],
                FORECAST_SHOWN,
                build,
            )
        )


class KeyFiguresView(ConditionalReadMixin, APIView):
    """Each committee's key figures for `?year=` (reports/keyfigures.py): the sum over its
    decided agreements that ran in the year, counts suppressed as on the pages."""

    permission_classes = [permissions.IsAuthenticated, IsMunicipal]

    @extend_schema(parameters=[YEAR, COMMITTEE], responses=serializers.KeyFiguresSerializer(many=True))
    def get(self, request: Request) -> Response:
        year = year_of(request)
        agreements = (
            Agreement.objects.for_access(request.access).decided().valid_in(year).select_related("committee")
        )
        committee = request.query_params.get("committee")
        if committee:
            if not (committee.isascii() and committee.isdigit() and len(committee) < 10):
                raise ValidationError({"committee": _("No such committee.")})
            agreements = agreements.filter(committee=int(committee))
        masked = not participant_permissions.can_see_participants(request.access)

        def build() -> list:
            chosen = list(agreements)
            figures = key_figures(chosen, year)
            totals: dict[Committee, KeyFigures] = {}
            for agreement in chosen:
                totals.setdefault(agreement.committee, KeyFigures(year=year)).add(figures[agreement.pk])
            return [
                key_figures_data(total, masked=masked, committee=committee.pk)
                for committee, total in sorted(totals.items(), key=lambda item: item[0].name)
            ]

        # Kept until anything it sums changes (core/versioncache.py): at national scale the
        # sums over 3,000 agreements take a second of Python (issue 22).
        return Response(
            versioncache.kept(
                "api-key-figures",
                [year, committee or "", request.access.committees_key, masked, get_language()],
                KEY_FIGURES_SHOWN,
                build,
            )
        )
