"""Memos: the case number, the committee's decision and its dispatch (issue 23)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from reports.models import CommitteeDecision, Memo, MemoRecipient


class DecisionSerializer(serializers.ModelSerializer):
    """The committee's decision recorded on a memo (issue 23)."""

    class Meta:
        model = CommitteeDecision
        fields = ["memo", "meeting_date", "paragraph", "text", "delegated_signatory"]


class RecipientSerializer(serializers.ModelSerializer):
    """A line of the memo's "Beslutet skickas till" and how the decision was sent to it."""

    class Meta:
        model = MemoRecipient
        fields = ["name", "email", "method", "sent_at"]


class MemoSerializer(serializers.ModelSerializer):
    """A memo's case number, its committee's decision and its dispatch; its text is the PDF's."""

    committee_name = serializers.CharField(source="committee.name")
    decision = serializers.SerializerMethodField()
    recipients = RecipientSerializer(many=True)

    class Meta:
        model = Memo
        fields = [
            "id",
            "kind",
            "title",
            "date",
            "case_number",
            "committee",
            "committee_name",
            "agreement",
            "decision",
            "recipients",
        ]

    @extend_schema_field(DecisionSerializer(allow_null=True))
    def get_decision(self, memo: Memo) -> dict | None:
        decision = getattr(memo, "decision", None)
        return None if decision is None else DecisionSerializer(decision).data
