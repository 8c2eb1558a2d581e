"""Follow-ups: read, and a partner's own written as in the portal."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from core.concurrency import EditConflict, save_versioned
from partnerships.models import Agreement
from portal import permissions as portal_permissions
from reports import followups
from reports.followups.forms import FollowUpForm
from reports.models import FollowUp

from .. import serializers
from ..caching import ConditionalReadMixin
from ..filters import FollowUpFilter


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
