"""Forms for follow-ups and memos; the rules here are also database constraints."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from django import forms
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.case_numbers import validate_case_number
from core.concurrency import VersionedFormMixin
from core.formatting import format_kr
from core.forms import DateInput
from partnerships.forms import KronorField
from partnerships.models import Agreement, Committee
from partnerships.years import validate_plausible_date

from . import contributions
from .models import FollowUp, Memo, MemoSection


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


class FollowUpForm(VersionedFormMixin, forms.ModelForm):
    """The yearly follow-up. The enrolled figure starts as the placements' figure; a different
    figure needs a reason (also a database constraint)."""

    class Meta:
        model = FollowUp
        fields = [
            "enrolled",
            "enrolled_override_reason",
            "to_work_or_studies_women",
            "to_work_or_studies_men",
            "delivery_mode",
            "summary",
            "challenges",
            "results",
        ]
        widgets = {
            "enrolled_override_reason": forms.Textarea(attrs={"rows": 2}),
            "summary": forms.Textarea(attrs={"rows": 6}),
            "challenges": forms.Textarea(attrs={"rows": 3}),
            "results": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, from_placements: int | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.enrolled_from_placements = from_placements
        if from_placements is not None:
            if self.instance.enrolled is None:
                self.initial["enrolled"] = from_placements
            self.fields["enrolled"].help_text = _(
                "The placements give %(count)s. Give a reason if you enter another figure."
            ) % {"count": from_placements}
        else:
            self.fields["enrolled"].help_text = _(
                "The registry has no placements for this agreement and year."
            )
        self.fields["to_work_or_studies_women"].help_text = _(
            "Of the year's participants: how many women went on to work or studies."
        )
        self.fields["to_work_or_studies_men"].help_text = _(
            "Of the year's participants: how many men went on to work or studies."
        )
        self._add_contribution_fields()
        self.helper = FormHelper()
        self.helper.form_tag = False

    def _add_contribution_fields(self) -> None:
        """Money and in kind each party actually contributed in the year (issue 24), with what
        the agreement promised in the help text (reports/contributions.py)."""
        self.contribution_rows = (
            contributions.reported_contributions(self.instance) if self.instance.agreement_id else []
        )
        for row in self.contribution_rows:
            promised = (
                _("The agreement: %(amount)s.") % {"amount": format_kr(row.promised)}
                if row.promised is not None
                else _("The agreement states no amount for this year.")
            )
            self.fields[f"contribution_money_{row.key}"] = KronorField(
                label=_("%(party)s: contribution in money") % {"party": row.name},
                required=False,
                initial=row.money,
                help_text=promised,
            )
            self.fields[f"contribution_in_kind_{row.key}"] = KronorField(
                label=_("%(party)s: contribution in kind") % {"party": row.name},
                required=False,
                initial=row.in_kind,
                help_text=_("Premises, staff and the like, in kronor."),
            )

    def save(self, commit: bool = True) -> FollowUp:
        follow_up = super().save(commit=commit)
        if commit:
            # Only the parties whose fields were sent: an API write without them (api/views/followups.py)
            # leaves what was reported before.
            sent = [
                row
                for row in self.contribution_rows
                if {f"contribution_money_{row.key}", f"contribution_in_kind_{row.key}"} & set(self.data)
            ]
            contributions.record_contributions(
                follow_up,
                {
                    row.key: (
                        self.cleaned_data.get(f"contribution_money_{row.key}"),
                        self.cleaned_data.get(f"contribution_in_kind_{row.key}"),
                    )
                    for row in sent
                },
            )
        return follow_up

    def clean(self) -> dict:
        data = super().clean()
        expected = self.instance.enrolled_from_placements
        if (
            expected is not None
            and data.get("enrolled") != expected
            and not data.get("enrolled_override_reason", "").strip()
        ):
            self.add_error(
                "enrolled_override_reason",
                ngettext(
                    "The placements give %(count)s enrolled participant: say why the figure differs.",
                    "The placements give %(count)s enrolled participants: say why the figure differs.",
                    expected,
                )
                % {"count": expected},
            )
        return data


class SendBackForm(forms.Form):
    """Why a submitted follow-up goes back to its author (required: the author sees it)."""

    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("The author sees this on the follow-up, in the portal as well."),
        error_messages={"required": _("Say why the follow-up is sent back: its author sees the reason.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


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
