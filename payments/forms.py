"""Forms of the payments pages; the database refuses what they would (payments/models.py)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput
from partnerships.forms import KronorField
from partnerships.years import validate_plausible_date

from .plans import Frequency


class PlanForm(forms.Form):
    frequency = forms.TypedChoiceField(
        label=_("Instalments per year"), choices=Frequency.choices, coerce=int, initial=Frequency.QUARTERLY
    )


class PaidForm(forms.Form):
    paid_on = forms.DateField(label=_("Paid on"), widget=DateInput(), validators=[validate_plausible_date])
    amount = KronorField(label=_("Amount paid"))
    reference = forms.CharField(label=_("Reference"), max_length=100)

    def clean_reference(self) -> str:
        reference = self.cleaned_data["reference"].strip()
        if not reference:
            raise forms.ValidationError(_("Give the payment's reference (voucher or invoice number)."))
        return reference


class WithholdForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Say why the instalment is withheld."))
        return reason
