"""The agreement document's forms: the clauses of a draft, and a signed copy's upload."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .clauses import unknown_placeholders
from .models import Signature


class ClausesForm(forms.Form):
    """One heading and text per clause of the latest version, and the document's version as the
    editor opened it (core/concurrency.py)."""

    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, clauses: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        self.clauses = clauses
        for index, clause in enumerate(clauses):
            self.fields[f"title_{index}"] = forms.CharField(
                label=_("Heading"), max_length=200, initial=clause["title"]
            )
            self.fields[f"body_{index}"] = forms.CharField(
                label=clause["title"],
                widget=forms.Textarea(attrs={"rows": 6}),
                initial=clause["body"],
                max_length=20000,
                strip=True,
            )

    def clean(self):
        data = super().clean()
        for index in range(len(self.clauses)):
            body = data.get(f"body_{index}")
            if body and "\x00" in body:
                self.add_error(f"body_{index}", _("The text holds a character that cannot be saved."))
            elif body and unknown_placeholders(body):
                self.add_error(
                    f"body_{index}",
                    _("Unknown placeholder: %(names)s.")
                    % {"names": ", ".join(f"{{{name}}}" for name in unknown_placeholders(body))},
                )
            title = data.get(f"title_{index}")
            if title and "\x00" in title:
                self.add_error(f"title_{index}", _("The text holds a character that cannot be saved."))
        return data

    def edited_clauses(self) -> list[dict]:
        return [
            {
                **clause,
                "title": self.cleaned_data[f"title_{index}"],
                "body": self.cleaned_data[f"body_{index}"].replace("\r\n", "\n"),
            }
            for index, clause in enumerate(self.clauses)
        ]

    def pairs(self):
        """(heading field, text field) per clause, for the template."""
        return [(self[f"title_{index}"], self[f"body_{index}"]) for index in range(len(self.clauses))]


class SignatureForm(forms.Form):
    party = forms.ChoiceField(label=_("Signed by"))
    file = forms.FileField(label=_("Signed PDF"))

    def __init__(self, *args, agreement, **kwargs):
        super().__init__(*args, **kwargs)
        self.partners = {
            str(party.partner_id): party.partner
            for party in agreement.parties.select_related("partner").order_by("order", "pk")
        }
        self.fields["party"].choices = [
            (Signature.Party.MUNICIPALITY, settings.MUNICIPALITY_NAME),
            *((f"partner-{pk}", partner.name) for pk, partner in self.partners.items()),
        ]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.ATTACHMENT_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(mb)s MB.")
                % {"mb": settings.ATTACHMENT_MAX_BYTES // (1024 * 1024)}
            )
        return upload

    def party_and_partner(self):
        party = self.cleaned_data["party"]
        if party.startswith("partner-"):
            return Signature.Party.PARTNER, self.partners[party.removeprefix("partner-")]
        return Signature.Party.MUNICIPALITY, None
