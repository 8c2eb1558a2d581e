"""Forms for memos: drafting, editing, sections; the rules here are also database constraints.

The follow-up's forms are in reports/followups/forms.py."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from django import forms
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from core.case_numbers import validate_case_number
from core.forms import DateInput
from partnerships.models import Agreement, Committee
from partnerships.years import validate_plausible_date

from .models import Memo, MemoSection


def capitalise_labels(form: forms.BaseForm) -> None:
    """Labels start with a capital, as Django gives model fields' labels."""
    for field in form.fields.values():
        field.label = capfirst(field.label)


class LinesField(forms.CharField):
    """A list of short texts edited one per line (decision points, decision basis, footnotes)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 3}))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(value)
        return value

    def to_python(self, value) -> list[str]:
        if isinstance(value, list):
            return value
        return [line.strip() for line in (value or "").splitlines() if line.strip()]

    def has_changed(self, initial, data) -> bool:
        return (initial or []) != self.to_python(data)

    def run_validators(self, value: list[str]) -> None:
        """The validators see the lines as one text: CharField's refusal of U+0000 (which
        PostgreSQL's jsonb cannot store) looks at `str(value)`, and a list's repr escapes it."""
        super().run_validators("\n".join(value))


class DraftFollowUpMemoForm(forms.Form):
    """Ny uppföljningsskrivelse: the report year's summaries and the overview year's table."""

    committee = forms.ModelChoiceField(Committee.objects.all(), label=_("committee"))
    report_year = forms.IntegerField(label=_("report year"), min_value=2000, max_value=2100)
    overview_year = forms.IntegerField(
        label=_("overview year"),
        min_value=2000,
        max_value=2100,
        help_text=_("The year whose agreements and prices the overview table shows."),
    )
    date = forms.DateField(label=_("date"), widget=DateInput(), validators=[validate_plausible_date])
    case_number = forms.CharField(
        label=_("case number (Dnr)"), max_length=40, required=False, validators=[validate_case_number]
    )

    def __init__(self, *args, committees=None, **kwargs):
        """`committees`: those the user may choose (`Access.visible_committees()`), or all."""
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        committees = Committee.objects.all() if committees is None else committees
        self.fields["committee"].queryset = committees
        self.fields["committee"].initial = committees.first() if committees.count() == 1 else None
        self.fields["report_year"].initial = today.year - 1
        self.fields["overview_year"].initial = today.year
        self.fields["date"].initial = today
        self.fields["report_year"].widget.attrs["inputmode"] = "numeric"
        self.fields["overview_year"].widget.attrs["inputmode"] = "numeric"
        capitalise_labels(self)
        self.helper = FormHelper()
        self.helper.form_tag = False


class DraftDecisionMemoForm(forms.Form):
    """Ny beslutsskrivelse from a draft or decided agreement."""

    agreement = forms.ModelChoiceField(Agreement.objects.none(), label=_("agreement"))
    date = forms.DateField(label=_("date"), widget=DateInput(), validators=[validate_plausible_date])
    case_number = forms.CharField(
        label=_("case number (Dnr)"),
        max_length=40,
        required=False,
        validators=[validate_case_number],
        help_text=_("Empty: the agreement's case number."),
    )
    partner_name = forms.CharField(
        label=_("the partner's name in the decision"),
        max_length=300,
        required=False,
        help_text=_("Empty: the registered name, e.g. “Internationella Kvinnoföreningen i Linköping”."),
    )
    partner_short_name = forms.CharField(
        label=_("the partner's short name in the text"),
        max_length=100,
        required=False,
        help_text=_("Empty: the name above, e.g. “IKF”."),
    )
    committee_pays_for = forms.CharField(
        label=_("what the committee pays for"),
        max_length=300,
        required=False,
        help_text=_("E.g. “handledning och administration kopplat till verksamheten”."),
    )
    partner_contributes = forms.CharField(
        label=_("what the partner contributes"),
        max_length=300,
        required=False,
        help_text=_("E.g. “lokaler och personalresurser”."),
    )

    def __init__(self, *args, agreements, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agreement"].queryset = agreements.select_related("committee").order_by(
            "-valid_from", "name"
        )
        self.fields["date"].initial = timezone.localdate()
        capitalise_labels(self)
        self.helper = FormHelper()
        self.helper.form_tag = False


class MemoForm(forms.ModelForm):
    # The version the editor opened; see core/concurrency.py.
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    decision_points = LinesField(label=_("proposed decision"), help_text=_("One numbered point per line."))
    basis = LinesField(label=_("decision basis"), help_text=_("One document per line."))
    footnotes = LinesField(
        label=_("footnotes"),
        help_text=_("One per line; the text refers to the first as [^1], the second as [^2]."),
    )

    class Meta:
        model = Memo
        fields = [
            "title",
            "date",
            "case_number",
            "decision_points",
            "basis",
            "administration",
            "signer",
            "footnotes",
        ]
        widgets = {"date": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        capitalise_labels(self)
        self.fields["seen_version"].initial = self.instance.version
        self.helper = FormHelper()
        self.helper.form_tag = False


class SectionForm(forms.ModelForm):
    """One section of a memo, edited on its own beside the memo's preview. `seen_version` is
    the memo's version when the editor opened it (a section has none of its own)."""

    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = MemoSection
        fields = ["heading", "level", "order", "body", "overview_year"]
        widgets = {"body": forms.Textarea(attrs={"rows": 16})}

    def __init__(self, *args, memo: Memo, **kwargs):
        super().__init__(*args, **kwargs)
        capitalise_labels(self)
        self.fields["seen_version"].initial = memo.version
        self.fields["order"].help_text = _("Sections print in the order of their numbers.")
        self.fields["overview_year"].widget.attrs["inputmode"] = "numeric"
        self.helper = FormHelper()
        self.helper.form_tag = False
