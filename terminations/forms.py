"""The termination form: who gave notice, when, the notice period or the reason for immediate
hävning, and the committee's decision if one was taken (issue 26). The last day is worked out
here (`notice_last_day`); every other rule is also a constraint of `Termination`."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput
from partnerships.models import Agreement, Termination, notice_last_day
from partnerships.years import FIRST_DAY, LAST_DAY


class TerminationForm(forms.ModelForm):
    class Meta:
        model = Termination
        fields = ["kind", "given_by", "given_on", "notice_months", "reason", "decision_date", "case_number"]
        widgets = {
            "given_on": DateInput(),
            "decision_date": DateInput(),
            "reason": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "notice_months": _(
                "The agreement's last day is the day before the same date this many months later."
            ),
            "reason": _("Required for immediate termination (hävning)."),
        }

    def __init__(self, *args, agreement: Agreement, **kwargs):
        super().__init__(*args, **kwargs)
        # Not on the instance yet: the agreement would read it as its termination (end_early sets it).
        self.agreement = agreement
        self.fields["notice_months"].required = False
        if not self.is_bound:
            self.fields["notice_months"].initial = 3

    def clean(self) -> dict:
        data = super().clean()
        kind, given_on = data.get("kind"), data.get("given_on")
        if kind == Termination.Kind.RESCISSION:
            data["notice_months"] = self.instance.notice_months = 0
            if not data.get("reason", "").strip():
                self.add_error("reason", _("Give the reason for terminating the agreement at once."))
        elif kind == Termination.Kind.NOTICE and not data.get("notice_months"):
            self.add_error("notice_months", _("Give the notice period in months (1 to 24)."))
        if (data.get("decision_date") is None) != (not data.get("case_number", "").strip()):
            self.add_error("case_number", _("A committee decision has both a date and a case number."))
        # outside the register's years the field's own validator refuses it (years.py)
        if given_on and kind and not self.errors and FIRST_DAY <= given_on <= LAST_DAY:
            last_day = notice_last_day(given_on, data.get("notice_months") or 0)
            agreement = self.agreement
            if given_on < agreement.valid_from:
                self.add_error("given_on", _("Notice cannot be given before the agreement starts."))
            elif last_day >= agreement.valid_to:
                self.add_error(
                    "notice_months",
                    _(
                        "With this notice the last day would be %(day)s, not before the agreement's end (%(end)s)."
                    )
                    % {"day": f"{last_day:%Y-%m-%d}", "end": f"{agreement.valid_to:%Y-%m-%d}"},
                )
            self.instance.last_day = last_day
        return data
