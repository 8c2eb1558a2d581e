"""What the endpoints share: the year and committee parameters, and who is municipal staff."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import permissions
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.views import APIView

from core.forms import YearForm

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
