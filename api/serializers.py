"""What the API says about each object: figures and texts of agreements, never a participant.

Money is whole kronor as integers (the register never holds öre). Occupancy and key figures are
numbers only, key figures suppressed as on the pages (participants.disclosure) for whoever may
not see individuals; a share or a cost per participant on fewer than five people is null for
everyone, and named in the object's `withheld`.
"""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from partnerships.models import (
    Agreement,
    AgreementCriterion,
    AgreementParty,
    Committee,
    Goal,
    GoalIndicator,
    Partner,
    PartnerContact,
    Termination,
)
from partnerships.permissions import can_see_contacts
from reports.models import CommitteeDecision, FollowUp, Memo, MemoRecipient


class Kronor(serializers.Field):
    """A whole-kronor Decimal as an integer."""

    def to_representation(self, value) -> int:
        return int(value)


Kronor = extend_schema_field(OpenApiTypes.INT)(Kronor)


class CommitteeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Committee
        fields = ["id", "name", "abbreviation", "administration"]


class ContactSerializer(serializers.ModelSerializer):
    class Meta:
        model = PartnerContact
        fields = ["id", "role", "name", "email", "phone", "is_portal_user"]


def _sees_contacts(serializer: serializers.Serializer, partner: Partner) -> bool:
    """Contacts are personal data (issue 26): the roles that work with the partner
    (`can_see_contacts`), and the partner's own token."""
    request = serializer.context.get("request")
    access = getattr(request, "access", None)
    return access is not None and can_see_contacts(access, partner)


class PartnerSerializer(serializers.ModelSerializer):
    contacts = serializers.SerializerMethodField()
    contact_person = serializers.SerializerMethodField()
    email = serializers.SerializerMethodField()
    phone = serializers.SerializerMethodField()

    class Meta:
        model = Partner
        # The organisation's address, payment details and contacts; `notes` are the
        # administration's own. `contact_person`, `email` and `phone` are its first contact's
        # (the single contact it had before issue 26).
        fields = [
            "id",
            "name",
            "organisation_number",
            "kind",
            "street_address",
            "postal_code",
            "city",
            "bankgiro",
            "plusgiro",
            "iban",
            "contacts",
            "contact_person",
            "email",
            "phone",
        ]

    @extend_schema_field(ContactSerializer(many=True))
    def get_contacts(self, partner: Partner) -> list:
        return (
            ContactSerializer(partner.contacts.all(), many=True).data if _sees_contacts(self, partner) else []
        )

    def get_contact_person(self, partner: Partner) -> str:
        return partner.contact_person if _sees_contacts(self, partner) else ""

    def get_email(self, partner: Partner) -> str:
        return partner.email if _sees_contacts(self, partner) else ""

    def get_phone(self, partner: Partner) -> str:
        return partner.phone if _sees_contacts(self, partner) else ""


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
    (else it is saved as a draft). Validated by the portal's own form (reports.forms.FollowUpForm)."""

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
