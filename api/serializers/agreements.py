"""An agreement with its parties, criteria, goals, decisions, and a year's amounts and occupancy."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from partnerships.models import (
    Agreement,
    AgreementCriterion,
    AgreementParty,
    Goal,
    GoalIndicator,
    Termination,
)

from .fields import Kronor
from .memos import DecisionSerializer


class TerminationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Termination
        fields = [
            "kind",
            "given_by",
            "given_on",
            "notice_months",
            "last_day",
            "reason",
            "decision_date",
            "case_number",
        ]


class PartySerializer(serializers.ModelSerializer):
    partner_name = serializers.CharField(source="partner.name")
    in_kind_contribution = Kronor(allow_null=True)

    class Meta:
        model = AgreementParty
        fields = ["partner", "partner_name", "role", "in_kind_contribution"]


class CriterionSerializer(serializers.ModelSerializer):
    """An answer with its criterion's text from the guideline the agreement was assessed under
    (partnerships/guidelines.py; the parent passes the texts by number in `criterion_texts`)."""

    label = serializers.SerializerMethodField()

    def get_label(self, answer: AgreementCriterion) -> str:
        return self.context.get("criterion_texts", {}).get(answer.agreement_id, {}).get(answer.criterion, "")

    class Meta:
        model = AgreementCriterion
        fields = ["criterion", "label", "fulfilled", "justification"]


class YearAmountsSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    value = Kronor()
    committee_cost = Kronor()
    partner_contribution = Kronor()


class OccupancySerializer(serializers.Serializer):
    year = serializers.IntegerField()
    placement_days = serializers.IntegerField()
    full_year_places = serializers.DecimalField(max_digits=9, decimal_places=1, coerce_to_string=False)
    individuals = serializers.IntegerField()
    capacity_amount = serializers.DecimalField(
        max_digits=7, decimal_places=1, allow_null=True, coerce_to_string=False
    )
    capacity_unit = serializers.CharField(allow_blank=True)


class IndicatorSerializer(serializers.ModelSerializer):
    class Meta:
        model = GoalIndicator
        fields = ["name", "target"]


class GoalSerializer(serializers.ModelSerializer):
    """A goal the agreement serves (issue 24): the council's (`committee` null) or a committee's."""

    area = serializers.CharField(source="area.name")
    indicators = IndicatorSerializer(many=True)

    class Meta:
        model = Goal
        fields = ["id", "name", "area", "committee", "indicators"]


class AgreementSerializer(serializers.ModelSerializer):
    """An agreement; `amounts` and `occupancy` for the year asked for (`?year=`), null where the
    agreement did not run in it. The view puts both in the context, computed for the whole page."""

    committee_name = serializers.CharField(source="committee.name")
    status = serializers.CharField()
    value_per_year = Kronor()
    committee_cost_per_year = Kronor()
    indexation_percent = serializers.DecimalField(max_digits=4, decimal_places=2, coerce_to_string=False)
    capacity_amount = serializers.DecimalField(
        max_digits=7, decimal_places=1, allow_null=True, coerce_to_string=False
    )
    parties = PartySerializer(many=True)
    criteria = CriterionSerializer(many=True)
    goals = GoalSerializer(many=True)
    amounts = serializers.SerializerMethodField()
    occupancy = serializers.SerializerMethodField()
    decisions = serializers.SerializerMethodField()
    effective_end = serializers.DateField(read_only=True)
    termination = TerminationSerializer(source="termination_or_none", read_only=True, allow_null=True)

    class Meta:
        model = Agreement
        fields = [
            "id",
            "name",
            "committee",
            "committee_name",
            "purpose",
            "target_group",
            "level_from",
            "level_to",
            "capacity_amount",
            "capacity_unit",
            "value_per_year",
            "committee_cost_per_year",
            "price_level_year",
            "indexation_percent",
            "valid_from",
            "valid_to",
            "effective_end",
            "termination",
            "stage",
            "status",
            "case_number",
            "decision_date",
            "predecessor",
            "parties",
            "criteria",
            "goals",
            "amounts",
            "occupancy",
            "decisions",
        ]

    def _year(self, agreement: Agreement) -> int | None:
        year = self.context["year"]
        return year if agreement.valid_from.year <= year <= agreement.effective_end.year else None

    @extend_schema_field(YearAmountsSerializer(allow_null=True))
    def get_amounts(self, agreement: Agreement) -> dict | None:
        year = self._year(agreement)
        return None if year is None else YearAmountsSerializer(agreement.yearly_amounts(year)).data

    @extend_schema_field(DecisionSerializer(many=True))
    def get_decisions(self, agreement: Agreement) -> list[dict]:
        """The committee's decisions recorded on the memos proposing the agreement (prefetched
        by the view as `decided_memos`)."""
        memos = getattr(agreement, "decided_memos", None)
        if memos is None:
            memos = agreement.memos.filter(decision__isnull=False).select_related("decision")
        return [DecisionSerializer(memo.decision).data for memo in memos]

    @extend_schema_field(OccupancySerializer(allow_null=True))
    def get_occupancy(self, agreement: Agreement) -> dict | None:
        usage = self.context["occupancy"].get(agreement.pk)
        if self._year(agreement) is None or usage is None:
            return None
        return OccupancySerializer(usage).data
