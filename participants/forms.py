"""Forms for participants, assignments, ends and notes; the rules are also in the database."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from core.concurrency import VersionedFormMixin
from core.forms import DateInput
from partnerships.models import Agreement

from . import personnummer
from .models import EndReason, Participant, PlacementStatus, ProgressNote


class PersonnummerField(forms.CharField):
    """Typed any accepted way (`YYYYMMDD-NNNN`, `YYMMDD-NNNN`, `YYMMDD+NNNN`, with or without
    dash), cleaned to the stored twelve digits, shown back as `YYYYMMDD-NNNN`."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, str) and personnummer.STORED.match(value):
            return personnummer.format_full(value)
        return value

    def to_python(self, value):
        value = super().to_python(value)
        return personnummer.parse(value) if value else value


class ParticipantForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Participant
        fields = [
            "personnummer",
            "first_name",
            "last_name",
            "gender",
            "level",
            "district",
            "needs",
            "phone",
            "email",
            "address",
        ]
        widgets = {"needs": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        model_field = self.fields["personnummer"]
        self.fields["personnummer"] = PersonnummerField(
            label=model_field.label, help_text=model_field.help_text
        )


class StartForm(forms.Form):
    """The start date the assignment page lists agreements for (GET)."""

    start = forms.DateField(label=capfirst(_("start")), widget=DateInput())

    @classmethod
    def from_request(cls, data) -> StartForm:
        """Bound to the request's start date, or to today when none was asked for."""
        # auto_id: the assignment form beside it has a (hidden) `start` too, and two fields
        # with the id "id_start" on one page is invalid HTML (issue 25).
        return cls(
            data if "start" in data else {"start": timezone.localdate().isoformat()}, auto_id="id_show_%s"
        )


class AssignForm(forms.Form):
    # Any agreement validates here; `assignment.assign` then checks it all under a lock and
    # refuses with the reason (e.g. another coordinator took the last place meanwhile).
    agreement = forms.ModelChoiceField(
        queryset=Agreement.objects.all(),
        label=capfirst(_("agreement")),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": _("Choose an agreement.")},
    )
    start = forms.DateField(widget=forms.HiddenInput)
    planned_end = forms.DateField(label=capfirst(_("planned end")), required=False, widget=DateInput())
    days_per_week = forms.TypedChoiceField(
        label=capfirst(_("days per week")), coerce=int, choices=[(n, n) for n in range(1, 6)], initial=2
    )
    goals = forms.CharField(
        label=capfirst(_("action plan goals")), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("start"), data.get("planned_end")
        if start and end and end < start:
            self.add_error("planned_end", _("The planned end cannot be before the start."))
        return data


class PlacementChangeForm(forms.Form):
    """What a coordinator may change on an open placement (`assignment.change_placement`, which
    checks it all again under the agreement's lock)."""

    planned_end = forms.DateField(label=capfirst(_("planned end")), required=False, widget=DateInput())
    days_per_week = forms.TypedChoiceField(
        label=capfirst(_("days per week")), coerce=int, choices=[(n, n) for n in range(1, 6)]
    )
    goals = forms.CharField(
        label=capfirst(_("action plan goals")), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    # The placement's version when the form was opened (core/concurrency.py).
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    @classmethod
    def for_placement(cls, placement, data=None) -> PlacementChangeForm:
        return cls(
            data,
            initial={
                "planned_end": placement.planned_end,
                "days_per_week": placement.days_per_week,
                "goals": placement.goals,
                "seen_version": placement.version,
            },
        )


class EndPlacementForm(forms.Form):
    actual_end = forms.DateField(label=capfirst(_("end date")), widget=DateInput())
    status = forms.ChoiceField(
        label=capfirst(_("outcome")),
        choices=[
            (PlacementStatus.ENDED.value, PlacementStatus.ENDED.label),
            (PlacementStatus.INTERRUPTED.value, PlacementStatus.INTERRUPTED.label),
        ],
        widget=forms.RadioSelect,
        initial=PlacementStatus.ENDED,
    )
    end_reason = forms.ChoiceField(label=capfirst(_("end reason")), choices=[("", "–"), *EndReason.choices])
    # The placement's version when the form was opened (core/concurrency.py).
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ProgressNoteForm(forms.ModelForm):
    class Meta:
        model = ProgressNote
        fields = ["date", "progression", "text"]
        widgets = {"date": DateInput(), "text": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, placement, **kwargs):
        # The date's rules (within the placement and its agreement, not in the future) are
        # ProgressNote.clean's, which the form runs on the instance.
        super().__init__(*args, **kwargs)
        self.placement = placement
        self.instance.placement = placement


class OutcomeForm(forms.Form):
    """Where the person is 6 and 12 months after the placement ended (issue 24). A month whose
    day has not come is shown disabled: nobody can know it yet."""

    def __init__(self, *args, placement, today, **kwargs):
        from .models import OUTCOME_MONTHS, Situation, months_after

        super().__init__(*args, **kwargs)
        recorded = {outcome.months: outcome.situation for outcome in placement.outcomes.all()}
        self.months = list(OUTCOME_MONTHS)
        for months in self.months:
            due_on = months_after(placement.actual_end, months)
            field = forms.ChoiceField(
                label=_("Situation %(months)s months after the end (%(date)s)")
                % {"months": months, "date": f"{due_on:%Y-%m-%d}"},
                choices=[("", _("not recorded")), *Situation.choices],
                required=False,
                initial=recorded.get(months, ""),
            )
            if due_on > today:
                field.disabled = True
                field.help_text = _("Can be recorded from %(date)s.") % {"date": f"{due_on:%Y-%m-%d}"}
            self.fields[f"situation_{months}"] = field

    def situations(self) -> dict[int, str]:
        """The months given a situation, those not disabled."""
        return {
            months: self.cleaned_data[f"situation_{months}"]
            for months in self.months
            if not self.fields[f"situation_{months}"].disabled
            and self.cleaned_data.get(f"situation_{months}")
        }
