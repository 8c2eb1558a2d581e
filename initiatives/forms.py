"""The intake (public and the partner portal's), the completion thread and the assessment."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.se import orgnr

from core.forms import DateInput
from partnerships.forms import KronorField
from partnerships.uploads import check_upload

from . import pow
from .models import Initiative, InitiativeAttachment

MONEY_FIELDS = [
    "own_money",
    "own_premises",
    "own_staff",
    "own_volunteers",
    "own_in_kind",
    "requested_per_year",
]
ORGANISATION_FIELDS = ["organisation_name", "organisation_number"]


class CommitteeChoiceForm(forms.Form):
    """The intake's first step: the committee the initiative is for (its guideline's criteria follow)."""

    committee = forms.ModelChoiceField(queryset=None, label=_("Committee"), empty_label=None)

    def __init__(self, *args, committees, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = committees


class IntakeForm(forms.ModelForm):
    """What the organisation proposes (issue 23). `guideline` gives the criteria it is asked its
    view of; `partner` (the portal) fills the organisation from the register; `proof_of_work`
    (the public page) must be a solved challenge (initiatives/pow.py)."""

    class Meta:
        model = Initiative
        field_classes = {name: KronorField for name in MONEY_FIELDS}
        fields = [
            "title",
            *ORGANISATION_FIELDS,
            "contact_name",
            "contact_email",
            "contact_phone",
            "problem",
            "target_group",
            "activities",
            "period_from",
            "period_to",
            *MONEY_FIELDS,
        ]
        widgets = {
            "problem": forms.Textarea(attrs={"rows": 4}),
            "target_group": forms.Textarea(attrs={"rows": 2}),
            "activities": forms.Textarea(attrs={"rows": 4}),
            "period_from": DateInput(),
            "period_to": DateInput(),
        }

    def __init__(self, *args, committee, guideline, partner=None, proof_of_work: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.committee = committee
        self.partner = partner
        self.criteria = list(guideline.criteria.all())
        for name in MONEY_FIELDS[:-1]:
            self.fields[name].required = False
        if partner is not None:
            for name in ORGANISATION_FIELDS:
                del self.fields[name]
            self.instance.organisation_name = partner.name
            self.instance.organisation_number = partner.organisation_number
        for criterion in self.criteria:
            self.fields[f"view_{criterion.number}"] = forms.CharField(
                label=f"{criterion.number}. {criterion.text}",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        for kind, label in InitiativeAttachment.Kind.choices:
            self.fields[f"attachment_{kind}"] = forms.FileField(label=label, required=False)
        if proof_of_work:
            self.fields["proof_of_work"] = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean_organisation_number(self) -> str:
        value = self.cleaned_data["organisation_number"].strip()
        return orgnr.format(value) if orgnr.is_valid(value) else value

    def clean_proof_of_work(self) -> str:
        value = self.cleaned_data["proof_of_work"]
        if not pow.verify(value):
            raise ValidationError(
                _(
                    "The form could not be checked for spam: wait until the page says it is ready, then send "
                    "it again (the page needs JavaScript)."
                )
            )
        return value

    def clean(self) -> dict:
        data = super().clean()
        for name in MONEY_FIELDS[:-1]:
            if data.get(name) is None and name not in self.errors:
                data[name] = 0
                setattr(self.instance, name, 0)
        start, end = data.get("period_from"), data.get("period_to")
        if start and end and end < start:
            self.add_error("period_to", _("The end date cannot be before the start date."))
        for kind, _label in InitiativeAttachment.Kind.choices:
            upload = data.get(f"attachment_{kind}")
            if upload:
                try:
                    upload.checked_content_type = check_upload(upload)
                except ValidationError as error:
                    self.add_error(f"attachment_{kind}", error)
        return data

    def criterion_fields(self) -> list[forms.BoundField]:
        return [self[f"view_{c.number}"] for c in self.criteria]

    def attachment_fields(self) -> list[forms.BoundField]:
        return [self[f"attachment_{kind}"] for kind, _label in InitiativeAttachment.Kind.choices]

    def views(self) -> dict[int, str]:
        return {c.number: self.cleaned_data[f"view_{c.number}"].strip() for c in self.criteria}

    def attachments(self) -> dict[str, object]:
        return {
            kind: self.cleaned_data.get(f"attachment_{kind}")
            for kind, _label in InitiativeAttachment.Kind.choices
        }


class MessageForm(forms.Form):
    text = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 4}), max_length=10_000)


class AssessmentForm(forms.Form):
    """Each criterion met or not, with its justification, and the case number."""

    ANSWERS = [("", _("not assessed")), ("yes", _("met")), ("no", _("not met"))]
    dnr = forms.CharField(label=_("Case number (Dnr)"), max_length=40, required=False)

    def __init__(self, *args, initiative: Initiative, texts: dict[int, str], **kwargs):
        self.rows = list(initiative.criteria.all())
        initial = {"dnr": initiative.dnr}
        for row in self.rows:
            initial[f"met_{row.number}"] = {True: "yes", False: "no", None: ""}[row.met]
            initial[f"justification_{row.number}"] = row.justification
        super().__init__(*args, initial=initial, **kwargs)
        for row in self.rows:
            self.fields[f"met_{row.number}"] = forms.ChoiceField(
                label=f"{row.number}. {texts.get(row.number, '')}", choices=self.ANSWERS, required=False
            )
            self.fields[f"justification_{row.number}"] = forms.CharField(
                label=_("Justification"), required=False, widget=forms.Textarea(attrs={"rows": 2})
            )

    def clean(self) -> dict:
        data = super().clean()
        for row in self.rows:
            if data.get(f"met_{row.number}") and not data.get(f"justification_{row.number}", "").strip():
                self.add_error(f"justification_{row.number}", _("An assessment needs its justification."))
        return data

    def answers(self) -> list[tuple[int, bool | None, str]]:
        return [
            (
                row.number,
                {"yes": True, "no": False}.get(self.cleaned_data[f"met_{row.number}"]),
                self.cleaned_data[f"justification_{row.number}"].strip(),
            )
            for row in self.rows
        ]

    def pairs(self) -> list[tuple[forms.BoundField, forms.BoundField, object]]:
        return [(self[f"met_{r.number}"], self[f"justification_{r.number}"], r) for r in self.rows]


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (the organisation is told)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
    )
