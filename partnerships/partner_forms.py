"""The partner form: the organisation, its address and payment details, and its contacts with
their roles (issue 26). Each rule is also the model's (validators, constraints)."""

from __future__ import annotations

from django import forms

from core.concurrency import VersionedFormMixin

from . import payment_details
from .models import Partner, PartnerContact


class PartnerForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Partner
        fields = [
            "name",
            "organisation_number",
            "kind",
            "street_address",
            "postal_code",
            "city",
            "bankgiro",
            "plusgiro",
            "iban",
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Typed as printed ("5050-1055", "SE45 5000 …"): the field's length is the stored digits'.
        for name in ("bankgiro", "plusgiro", "iban"):
            self.fields[name].max_length = None
            self.fields[name].validators = [
                v for v in self.fields[name].validators if not hasattr(v, "limit_value")
            ]
            self.fields[name].widget.attrs.pop("maxlength", None)

    def clean_organisation_number(self) -> str:
        """Store the number as NNNNNN-NNNN, however it was typed."""
        from stdnum.se import orgnr

        value = self.cleaned_data["organisation_number"].strip()
        return orgnr.format(value) if value and orgnr.is_valid(value) else value

    def _compact(self, name: str) -> str:
        """Digits (IBAN: letters and digits) without spaces or hyphens, as stored."""
        return payment_details.compact(self.cleaned_data.get(name, ""))

    def clean_bankgiro(self) -> str:
        return self._compact("bankgiro")

    def clean_plusgiro(self) -> str:
        return self._compact("plusgiro")

    def clean_iban(self) -> str:
        return self._compact("iban")


class ContactForm(forms.ModelForm):
    class Meta:
        model = PartnerContact
        fields = ["role", "name", "email", "phone", "is_portal_user"]


ContactFormSet = forms.inlineformset_factory(
    Partner, PartnerContact, form=ContactForm, extra=1, can_delete=True
)
