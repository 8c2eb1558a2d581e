"""A partner's yearly follow-up, as read and as written through the API."""

from __future__ import annotations

from rest_framework import serializers

from reports.models import FollowUp


class FollowUpSerializer(serializers.ModelSerializer):
    """A yearly follow-up: its figure and texts, its status; who submitted or approved it is not
    said (that names the municipality's staff and the partner's people)."""

    agreement_name = serializers.CharField(source="agreement.name")

    class Meta:
        model = FollowUp
        fields = [
            "id",
            "agreement",
            "agreement_name",
            "year",
            "enrolled",
            "enrolled_override_reason",
            "to_work_or_studies_women",
            "to_work_or_studies_men",
            "delivery_mode",
            "summary",
            "challenges",
            "results",
            "status",
            "submitted_at",
            "approved_at",
            "returned_reason",
        ]


class FollowUpWriteSerializer(serializers.Serializer):
    """What a partner sends: the portal form's fields, and `submit` to submit it for approval
    (else it is saved as a draft). Validated by the portal's own form (reports.followups.forms.FollowUpForm)."""

    agreement = serializers.IntegerField()
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    enrolled = serializers.IntegerField(required=False, allow_null=True)
    enrolled_override_reason = serializers.CharField(required=False, allow_blank=True, default="")
    to_work_or_studies_women = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    to_work_or_studies_men = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    delivery_mode = serializers.ChoiceField(
        choices=FollowUp.DeliveryMode.choices, required=False, allow_blank=True, default=""
    )
    summary = serializers.CharField(required=False, allow_blank=True, default="")
    challenges = serializers.CharField(required=False, allow_blank=True, default="")
    results = serializers.CharField(required=False, allow_blank=True, default="")
    submit = serializers.BooleanField(required=False, default=False)
