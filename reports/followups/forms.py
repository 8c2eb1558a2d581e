"""The follow-up's forms: the yearly follow-up itself, and sending it back to its author."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.concurrency import VersionedFormMixin
from core.formatting import format_kr
from partnerships.forms import KronorField

from ..models import FollowUp
from . import contributions


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
        the agreement promised in the help text (reports/followups/contributions.py)."""
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
