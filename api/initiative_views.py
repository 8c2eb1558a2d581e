"""`/api/v1/initiatives/` (issue 23): the committee's initiatives, read-only, for the roles that see
them on the pages (officials and systemförvaltare, their committees'). Figures, texts and the
assessment; never the contact person nor the question thread, which are personal data whose every
view the pages log."""

from __future__ import annotations

from django.db.models import QuerySet
from rest_framework import serializers, viewsets

from initiatives.models import Initiative, InitiativeCriterion

from .caching import ConditionalReadMixin
from .serializers import Kronor


class InitiativeCriterionSerializer(serializers.ModelSerializer):
    class Meta:
        model = InitiativeCriterion
        fields = ["number", "organisation_view", "met", "justification"]


class InitiativeSerializer(serializers.ModelSerializer):
    own_money = Kronor()
    own_premises = Kronor()
    own_staff = Kronor()
    own_volunteers = Kronor()
    own_in_kind = Kronor()
    requested_per_year = Kronor()
    criteria = InitiativeCriterionSerializer(many=True, read_only=True)
    guideline = serializers.CharField(source="guideline.reference", read_only=True)

    class Meta:
        model = Initiative
        fields = [
            "id",
            "committee",
            "dnr",
            "title",
            "organisation_name",
            "organisation_number",
            "partner",
            "status",
            "submitted_at",
            "period_from",
            "period_to",
            "own_money",
            "own_premises",
            "own_staff",
            "own_volunteers",
            "own_in_kind",
            "requested_per_year",
            "guideline",
            "criteria",
            "decision_reason",
            "decided_at",
            "agreement",
        ]


class InitiativeViewSet(ConditionalReadMixin, viewsets.ReadOnlyModelViewSet):
    """Initiatives of the token's committees, newest first; `?status=` filters."""

    serializer_class = InitiativeSerializer
    queryset = Initiative.objects.none()

    def get_queryset(self) -> QuerySet:
        if getattr(self, "swagger_fake_view", False):
            return Initiative.objects.none()
        access = self.request.access
        if access.is_partner:  # the organisation follows its own through its link
            return Initiative.objects.none()
        initiatives = Initiative.objects.for_access(access).select_related("guideline")
        status = self.request.query_params.get("status")
        if status:
            initiatives = initiatives.filter(status=status)
        return initiatives.prefetch_related("criteria")
