from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from participants.models import Placement
from partnerships.forms import DateInput


class AttendanceForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput())
    present = forms.TypedChoiceField(
        label=_("Attendance"),
        choices=[("yes", _("present")), ("no", _("absent"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, placement: Placement, **kwargs):
        super().__init__(*args, **kwargs)
        self.placement = placement
        self.fields["date"].initial = timezone.localdate()

    def clean_date(self):
        """A day of the placement that has come: from its start to its end, or today."""
        day = self.cleaned_data["date"]
        last = min(
            filter(None, [self.placement.actual_end, self.placement.agreement.valid_to, timezone.localdate()])
        )
        if day < self.placement.start:
            raise forms.ValidationError(
                _("The placement started %(start)s.") % {"start": f"{self.placement.start:%Y-%m-%d}"}
            )
        if day > last:
            raise forms.ValidationError(
                _("Attendance can only be reported for days that have passed within the placement.")
            )
        return day
