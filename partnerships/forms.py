"""Forms for partners and agreements; every rule here is also a database constraint."""

from __future__ import annotations

from typing import TYPE_CHECKING

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row
from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import NON_FIELD_ERRORS
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts import roles
from core.forms import DateInput

from .contributions import contribution_error
from .deviation import refusal as deviation_refusal
from .models import Agreement, AgreementAttachment, AgreementParty, Amendment
from .partner_forms import ContactFormSet, PartnerForm  # noqa: F401 (imported from here)
from .uploads import check_upload

if TYPE_CHECKING:
    from accounts.access import Access


class KronorField(forms.DecimalField):
    """Whole kronor typed the Swedish way: "1 100 000", "1100000" or "1 100 000 kr"."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 12)
        kwargs.setdefault("decimal_places", 0)
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace("\u00a0", "").replace(" ", "").removesuffix("kr")
        return super().to_python(value)


class AgreementForm(forms.ModelForm):
    # The version the editor opened; see core/concurrency.py.
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Agreement
        field_classes = {"value_per_year": KronorField, "committee_cost_per_year": KronorField}
        fields = [
            "name",
            "committee",
            "stage",
            "case_number",
            "decision_date",
            "purpose",
            "target_group",
            "level_from",
            "level_to",
            "capacity_amount",
            "capacity_unit",
            "runs_on_weekends",
            "value_per_year",
            "committee_cost_per_year",
            "price_level_year",
            "indexation_percent",
            "valid_from",
            "valid_to",
            "predecessor",
            "responsible",
            "notes",
            "deviation",
        ]
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 2}),
            "target_group": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 3}),
            "deviation": forms.Textarea(attrs={"rows": 2}),
            "valid_from": DateInput(),
            "valid_to": DateInput(),
            "decision_date": DateInput(),
        }

    def __init__(self, *args, access: Access | None = None, **kwargs):
        """`access` (the request's) limits every choice to what the user sees (issue 13): the
        committee to their own, the predecessor to agreements they reach, the responsible
        official to those working for one of their committees (or systemförvaltare)."""
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Fieldset(
                _("Agreement"),
                Row(Column("name", css_class="col-md-6"), Column("committee", css_class="col-md-6")),
                Row(
                    Column("stage", css_class="col-md-4"),
                    Column("case_number", css_class="col-md-4"),
                    Column("decision_date", css_class="col-md-4"),
                ),
                Row(
                    Column("valid_from", css_class="col-md-4"),
                    Column("valid_to", css_class="col-md-4"),
                    Column("predecessor", css_class="col-md-4"),
                ),
            ),
            Fieldset(
                _("Activity"),
                "purpose",
                "target_group",
                Row(
                    Column("level_from", css_class="col-md-3"),
                    Column("level_to", css_class="col-md-3"),
                    Column("capacity_amount", css_class="col-md-3"),
                    Column("capacity_unit", css_class="col-md-3"),
                ),
                "runs_on_weekends",
            ),
            Fieldset(
                _("Money"),
                Row(
                    Column("value_per_year", css_class="col-md-3"),
                    Column("committee_cost_per_year", css_class="col-md-3"),
                    Column("price_level_year", css_class="col-md-3"),
                    Column("indexation_percent", css_class="col-md-3"),
                ),
            ),
            "responsible",
            "notes",
            "seen_version",
        )
        # Municipal staff who handle agreements (officials; an administrator may be chosen too).
        staff = Q(groups__name__in=[roles.OFFICIAL, roles.ADMINISTRATOR])
        if access is not None and not access.sees_all_committees:
            staff = Q(groups__name=roles.ADMINISTRATOR) | Q(
                groups__name=roles.OFFICIAL, committee_memberships__committee__in=access.own_committees()
            )
        responsible = get_user_model().objects.filter(
            staff | Q(pk=self.instance.responsible_id), is_active=True
        )
        self.fields["responsible"].queryset = responsible.distinct().order_by(
            "first_name", "last_name", "username"
        )
        self.fields["responsible"].label_from_instance = lambda user: (
            user.get_full_name() or user.get_username()
        )
        predecessors = Agreement.objects.order_by("name", "valid_from")
        if access is not None:
            predecessors = predecessors.for_access(access)
            self.fields["committee"].queryset = access.visible_committees()
        if self.instance.pk:
            predecessors = predecessors.exclude(pk=self.instance.pk)
        self.fields["predecessor"].queryset = predecessors
        self.fields["seen_version"].initial = self.instance.version if self.instance.pk else None

    def clean(self) -> dict:
        """What the database cannot check: placements and amendments within a new validity. The
        rules on one row (dates in order, cost within value, levels, capacity) are the model's
        constraints, their messages placed by `_post_clean`."""
        data = super().clean()
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and start <= end and self.instance.pk:
            # Placements (participants app) must stay within the validity; the database refuses too.
            outside = self.instance.placements.filter(
                Q(start__lt=start) | Q(start__gt=end) | Q(planned_end__gt=end) | Q(actual_end__gt=end)
            ).count()
            if outside:
                self.add_error(
                    "valid_to",
                    ngettext(
                        "%(count)d placement would lie outside the new validity.",
                        "%(count)d placements would lie outside the new validity.",
                        outside,
                    )
                    % {"count": outside},
                )
            # Amendments take effect after the first day and by the last; the database refuses too.
            amendments = self.instance.amendments.filter(
                Q(starts_on__lte=start) | Q(starts_on__gt=end)
            ).count()
            if amendments:
                self.add_error(
                    "valid_to",
                    ngettext(
                        "%(count)d amendment would lie outside the new validity.",
                        "%(count)d amendments would lie outside the new validity.",
                        amendments,
                    )
                    % {"count": amendments},
                )
        return data

    def _post_clean(self) -> None:
        """Django validates the model's constraints here, as non-field errors; each of the
        agreement's goes under the field it is about (Agreement.FIELD_OF_CONSTRAINT)."""
        super()._post_clean()
        errors = self._errors.get(NON_FIELD_ERRORS)
        if not errors:
            return
        kept = []
        for error in errors.as_data():
            field = Agreement.FIELD_OF_CONSTRAINT.get(error.code)
            if field in self.fields and field not in self._errors:
                self._errors[field] = self.error_class(error.messages, renderer=self.renderer)
                self.cleaned_data.pop(field, None)
            elif field not in self.fields:
                kept.append(error)
        if kept:
            self._errors[NON_FIELD_ERRORS] = self.error_class(
                kept, error_class="nonfield", renderer=self.renderer
            )
        else:
            del self._errors[NON_FIELD_ERRORS]


class AmendmentForm(forms.ModelForm):
    """Tilläggsavtal: new yearly amounts from a date inside the agreement, with the amendment's
    own decision date and Dnr (every rule is also a database constraint or trigger)."""

    class Meta:
        model = Amendment
        field_classes = {"value_per_year": KronorField, "committee_cost_per_year": KronorField}
        fields = [
            "starts_on",
            "value_per_year",
            "committee_cost_per_year",
            "price_level_year",
            "indexation_percent",
            "decision_date",
            "case_number",
        ]
        widgets = {"starts_on": DateInput(), "decision_date": DateInput()}

    def __init__(self, *args, agreement: Agreement, **kwargs):
        super().__init__(*args, **kwargs)
        self.agreement = self.instance.agreement = agreement
        if not self.is_bound:
            self.fields["price_level_year"].initial = agreement.price_level_year
            self.fields["indexation_percent"].initial = agreement.indexation_percent

    def clean(self) -> dict:
        data = super().clean()
        starts_on = data.get("starts_on")
        if starts_on and not self.agreement.valid_from < starts_on <= self.agreement.valid_to:
            self.add_error(
                "starts_on",
                _(
                    "An amendment takes effect after the agreement's first day (%(start)s) and by its last (%(end)s)."
                )
                % {
                    "start": f"{self.agreement.valid_from:%Y-%m-%d}",
                    "end": f"{self.agreement.valid_to:%Y-%m-%d}",
                },
            )
        elif starts_on and self.agreement.amendments.filter(starts_on=starts_on).exists():
            self.add_error("starts_on", _("The agreement already has an amendment from this date."))
        value, cost = data.get("value_per_year"), data.get("committee_cost_per_year")
        if value is not None and cost is not None and cost > value:
            self.add_error(
                "committee_cost_per_year",
                _("The committee's cost cannot be higher than the calculated value of the activity."),
            )
        return data


class PartyForm(forms.ModelForm):
    class Meta:
        model = AgreementParty
        fields = ["partner", "role", "in_kind_contribution"]
        field_classes = {"in_kind_contribution": KronorField}

    def _get_validation_exclusions(self):
        # The one-lead rule (party_one_lead_per_agreement) is the formset's: row by row it would
        # compare with the parties as stored, not as this save leaves them (a lead that moves).
        return {*super()._get_validation_exclusions(), "role"}


class BasePartyFormSet(forms.BaseInlineFormSet):
    def kept(self) -> list[dict]:
        """The cleaned rows that will be parties: filled in and not marked for deletion."""
        return [
            form.cleaned_data
            for form in self.forms
            if form.cleaned_data.get("partner") and not form.cleaned_data.get("DELETE")
        ]

    def clean(self) -> None:
        # Before the formset's own unique check, whose message names no field a user knows.
        partners = [row["partner"] for row in self.kept()]
        if len(partners) != len(set(partners)):
            raise forms.ValidationError(_("A partner can only be a party to the agreement once."))
        if partners and sum(row.get("role") == AgreementParty.Role.LEAD for row in self.kept()) != 1:
            raise forms.ValidationError(_("An agreement has exactly one lead partner."))
        super().clean()

    def check_contributions(self, agreement_form: forms.ModelForm) -> bool:
        """The parties' contributions against the agreement's value less its committee cost
        (partnerships/contributions.py); the error goes above the parties. Call after both
        forms are valid."""
        error = contribution_error(
            value=agreement_form.cleaned_data["value_per_year"],
            committee_cost=agreement_form.cleaned_data["committee_cost_per_year"],
            contributions=[row.get("in_kind_contribution") for row in self.kept()],
        )
        if error:
            self._non_form_errors.append(error)
        return error is None


PartyFormSet = forms.inlineformset_factory(
    Agreement,
    AgreementParty,
    form=PartyForm,
    formset=BasePartyFormSet,
    extra=2,
    min_num=1,
    validate_min=True,
    can_delete=True,
)


class CriteriaForm(forms.Form):
    """The criteria of the agreement's guideline (partnerships/guidelines.py): met or not, and why."""

    ANSWERS = [("", _("not assessed")), ("yes", _("yes")), ("no", _("no"))]

    def __init__(self, *args, agreement: Agreement | None = None, guideline=None, **kwargs):
        existing = {c.criterion: c for c in agreement.criteria.all()} if agreement and agreement.pk else {}
        self.guideline = guideline
        self.criteria = list(guideline.criteria.all()) if guideline is not None else []
        initial = {}
        for criterion in self.criteria:
            answer = existing.get(criterion.number)
            if answer is not None:
                initial[f"fulfilled_{criterion.number}"] = {True: "yes", False: "no", None: ""}[
                    answer.fulfilled
                ]
                initial[f"justification_{criterion.number}"] = answer.justification
        super().__init__(*args, initial=initial, **kwargs)
        for criterion in self.criteria:
            self.fields[f"fulfilled_{criterion.number}"] = forms.ChoiceField(
                label=f"{criterion.number}. {criterion.text}", choices=self.ANSWERS, required=False
            )
            self.fields[f"justification_{criterion.number}"] = forms.CharField(
                label=_("Justification"), required=False, widget=forms.Textarea(attrs={"rows": 2})
            )
        self.helper = FormHelper()
        self.helper.form_tag = False

    def answers(self) -> list[tuple[int, bool | None, str]]:
        return [
            (
                criterion.number,
                {"yes": True, "no": False}.get(self.cleaned_data[f"fulfilled_{criterion.number}"]),
                self.cleaned_data[f"justification_{criterion.number}"].strip(),
            )
            for criterion in self.criteria
        ]

    def check_complete(self, stage: str, *, was: str | None = None, deviation: str = "") -> bool:
        """An agreement is decided with every criterion answered, each with its justification:
        checked when it becomes decided (`was`: its stage before this save, None for a new one).
        Agreements registered as decided before the rule (the 2021 seed agreements, whose
        assessments the register never held) stay editable. Call after the form is valid; the
        error goes above the criteria."""
        if stage != Agreement.Stage.DECIDED or was == Agreement.Stage.DECIDED:
            return True
        missing = [number for number, fulfilled, why in self.answers() if fulfilled is None or not why]
        if missing:
            self.add_error(
                None,
                _(
                    "A decided agreement must have every criterion of its guideline assessed, each with a "
                    "justification (missing: %(numbers)s)."
                )
                % {"numbers": ", ".join(map(str, missing))},
            )
            return False
        # Issue 23: a criterion not met only with a recorded deviation (partnerships/deviation.py).
        refused = deviation_refusal(answers=self.answers(), deviation=deviation)
        if refused:
            self.add_error(None, refused)
        return refused is None


def criteria_rows(form: CriteriaForm) -> list[tuple[forms.BoundField, forms.BoundField]]:
    return [(form[f"fulfilled_{c.number}"], form[f"justification_{c.number}"]) for c in form.criteria]


class AttachmentForm(forms.ModelForm):
    class Meta:
        model = AgreementAttachment
        fields = ["kind", "title", "file"]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.content_type = check_upload(upload)
        return upload
