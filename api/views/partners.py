"""Committees and partners."""

from __future__ import annotations

from django.db.models import QuerySet
from rest_framework import viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from audit.services import log_contacts
from partnerships.models import Agreement, Committee, Partner

from .. import serializers
from ..caching import ConditionalReadMixin


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
            partners = (
                Partner.objects.filter(pk=access.partner.pk) if access.partner else Partner.objects.none()
            )
            return partners.prefetch_related("contacts")
        if access.has_perm("partnerships.view_partner"):
            return Partner.objects.order_by("name").prefetch_related("contacts")
        return Partner.objects.none()

    def finalize_response(
        self, request: Request, response: Response, *args: object, **kwargs: object
    ) -> Response:
        """Contacts are personal data: every answer that holds some is logged (issue 26)."""
        if response.status_code == 200 and isinstance(response.data, (dict, list)):
            data = response.data
            items = data.get("results", [data]) if isinstance(data, dict) else data
            shown = {
                item["id"]: [c["id"] for c in item.get("contacts", [])] for item in items if "id" in item
            }
            log_contacts(request, shown)
        return super().finalize_response(request, response, *args, **kwargs)
