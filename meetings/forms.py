"""Meeting and decision forms; the minutes document is checked as an agreement's attachment is."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts import roles
from core.forms import DateInput
from partnerships.uploads import check_upload

from .models import Decision, Meeting


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["kind", "date", "attendees", "minutes", "minutes_file"]
        widgets = {
            "date": DateInput(),
            "attendees": forms.Textarea(attrs={"rows": 3}),
            "minutes": forms.Textarea(attrs={"rows": 5}),
        }

    def clean_minutes_file(self):
        upload = self.cleaned_data.get("minutes_file")
        self.content_type = check_upload(upload) if upload else ""
        return upload

    def clean(self) -> dict:
        data = super().clean()
        if not (data.get("minutes") or "").strip() and not data.get("minutes_file") and not self.errors:
            raise forms.ValidationError(_("Write the minutes or attach them as a document."))
        return data


class DecisionForm(forms.ModelForm):
    class Meta:
        model = Decision
        fields = ["text", "owner", "due_on"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2}), "due_on": DateInput()}

    def __init__(self, *args, agreement=None, **kwargs):
        """The owner is someone who works for the agreement's committee (issue 13: they can open
        it from their start page), or a systemförvaltare."""
        super().__init__(*args, **kwargs)
        staff = Q(groups__name__in=[roles.OFFICIAL, roles.COORDINATOR, roles.SECRETARY])
        if agreement is not None:
            staff &= Q(committee_memberships__committee_id=agreement.committee_id)
        owners = get_user_model().objects.filter(staff | Q(groups__name=roles.ADMINISTRATOR), is_active=True)
        self.fields["owner"].queryset = owners.distinct().order_by("first_name", "last_name", "username")
        self.fields["owner"].required = self.fields["due_on"].required = True
        self.fields["owner"].label_from_instance = lambda user: user.get_full_name() or user.get_username()
