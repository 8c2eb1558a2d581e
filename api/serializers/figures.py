"""The aggregates: the forecast and the key figures, withheld under five as on the pages."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from .fields import Kronor


class ForecastRowSerializer(serializers.Serializer):
    agreement = serializers.IntegerField(source="agreement.pk")
    agreement_name = serializers.CharField(source="agreement.name")
    valid_from = serializers.DateField(source="agreement.valid_from")
    valid_to = serializers.DateField(source="agreement.valid_to")
    costs = serializers.DictField(child=Kronor(), help_text="Committee cost per calendar year.")


class ForecastSerializer(serializers.Serializer):
    committee = serializers.IntegerField(source="committee.pk")
    committee_name = serializers.CharField(source="committee.name")
    years = serializers.ListField(child=serializers.IntegerField())
    rows = ForecastRowSerializer(many=True)
    totals = serializers.DictField(child=Kronor())
    frames = serializers.DictField(child=Kronor(), help_text="The committee's budget frame for IOP per year.")
    left_within_frame = serializers.DictField(
        child=Kronor(),
        help_text="The frame less the committed cost, per year with a frame (negative: over it).",
    )


# A count under five prints "<5" and a count that would give it away "..", as on the pages.
CountOrMask = extend_schema_field({"oneOf": [{"type": "integer"}, {"type": "string", "enum": ["<5", ".."]}]})(
    serializers.JSONField
)


WITHHELD_HELP = (
    "The derived figures of this object given as null because they are withheld: the group of people "
    "they are built on is under five, or one of its counts is suppressed (participants.disclosure). "
    "A share or a cost per participant on so few would tell something about each of them. A figure "
    "that is null but not listed here has no base at all (nobody enrolled or ended)."
)


class WithheldAsNull(serializers.Serializer):
    """A derived figure withheld under five (participants.disclosure: the marker "..") is null in
    JSON, and named in `withheld` so that a client can tell it from a figure on nobody."""

    derived: tuple[str, ...] = ()
    withheld = serializers.ListField(child=serializers.CharField(), help_text=WITHHELD_HELP)

    def to_representation(self, instance: dict) -> dict:
        withheld = [name for name in self.derived if isinstance(instance[name], str)]
        return super().to_representation({**instance, **dict.fromkeys(withheld), "withheld": withheld})


class GenderRowSerializer(WithheldAsNull):
    derived = ("share", "share_6", "share_12")
    gender = serializers.CharField()
    enrolled = CountOrMask()
    ended = CountOrMask()
    work_or_studies = CountOrMask()
    share = serializers.DecimalField(max_digits=5, decimal_places=0, allow_null=True, coerce_to_string=False)
    followed_up_6 = CountOrMask(help_text="Placements ended in the year whose 6-month outcome is recorded.")
    work_or_studies_6 = CountOrMask(help_text="Of them, in work or studies 6 months after the end.")
    share_6 = serializers.DecimalField(
        max_digits=5, decimal_places=0, allow_null=True, coerce_to_string=False
    )
    followed_up_12 = CountOrMask()
    work_or_studies_12 = CountOrMask()
    share_12 = serializers.DecimalField(
        max_digits=5, decimal_places=0, allow_null=True, coerce_to_string=False
    )


class ContributionSerializer(serializers.Serializer):
    """One party's part of the financing: promised in the agreement, reported in the follow-up."""

    party = serializers.CharField()
    committee = serializers.BooleanField()
    promised = Kronor(allow_null=True)
    reported = Kronor(allow_null=True)


class YearKeyFiguresSerializer(WithheldAsNull):
    """One year's key figures (reports/keyfigures.py, the one builder)."""

    derived = (
        "cost_per_participant",
        "work_or_studies_share",
        "work_or_studies_share_6",
        "work_or_studies_share_12",
        "utilisation",
    )

    year = serializers.IntegerField()
    committee_cost = Kronor()
    partner_contribution = Kronor()
    contributions = ContributionSerializer(many=True)
    capacity_places = serializers.DecimalField(max_digits=9, decimal_places=1, coerce_to_string=False)
    capacity_individuals = serializers.DecimalField(max_digits=9, decimal_places=0, coerce_to_string=False)
    full_year_places = serializers.DecimalField(max_digits=9, decimal_places=1, coerce_to_string=False)
    utilisation = serializers.DecimalField(
        max_digits=5,
        decimal_places=0,
        allow_null=True,
        coerce_to_string=False,
        help_text="Per cent of the capacity.",
    )
    enrolled = serializers.IntegerField()
    ended = serializers.IntegerField()
    cost_per_place = Kronor(allow_null=True)
    cost_per_participant = Kronor(allow_null=True)
    co_financing_ratio = serializers.DecimalField(
        max_digits=9, decimal_places=2, allow_null=True, coerce_to_string=False
    )
    work_or_studies_share = serializers.DecimalField(
        max_digits=5, decimal_places=0, allow_null=True, coerce_to_string=False
    )
    work_or_studies_share_6 = serializers.DecimalField(
        max_digits=5, decimal_places=0, allow_null=True, coerce_to_string=False
    )
    work_or_studies_share_12 = serializers.DecimalField(
        max_digits=5, decimal_places=0, allow_null=True, coerce_to_string=False
    )
    by_gender = GenderRowSerializer(many=True)


class KeyFiguresSerializer(YearKeyFiguresSerializer):
    """reports.keyfigures.KeyFigures, with the gender rows masked as the pages mask them, and the
    previous year's beside them (null when the agreement did not run then)."""

    committee = serializers.IntegerField(allow_null=True, required=False)
    agreement = serializers.IntegerField(allow_null=True, required=False)
    previous = YearKeyFiguresSerializer(allow_null=True)
