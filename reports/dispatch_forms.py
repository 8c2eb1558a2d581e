"""The forms of a memo's decision and dispatch (reports/dispatch.py)."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from core.concurrency import VersionedFormMixin
from core.forms import DateInput

from .drafting.base import RecipientDraft
from .forms import LinesField, capitalise_labels
from .models import CommitteeDecision, Memo, MemoRecipient


class DecisionForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = CommitteeDecision
        fields = ["meeting_date", "paragraph", "text", "delegated_signatory"]
        widgets = {"meeting_date": DateInput(), "text": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, memo: Memo, **kwargs):
        super().__init__(*args, **kwargs)
        self.memo = memo
        capitalise_labels(self)
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_paragraph(self) -> str:
        """ "§ 45", "§45" and "45" are the same paragraph; the page prints "§ 45"."""
        paragraph = self.cleaned_data["paragraph"].replace("§", "").strip()
        if not paragraph:
            raise ValidationError(_("Enter the paragraph's number, e.g. 45."))
        return paragraph

    def clean_meeting_date(self):
        meeting_date = self.cleaned_data["meeting_date"]
        if meeting_date and meeting_date < self.memo.date:
            raise ValidationError(
                _("The committee decides after the memo is written (%(date)s).")
                % {"date": f"{self.memo.date:%Y-%m-%d}"}
            )
        return meeting_date


def parse_recipient(line: str) -> RecipientDraft:
    """ "Ekonomienheten <ekonomi@kommun.se>", "Ekonomienheten, ekonomi@kommun.se" or a name alone."""
    name, email = line, ""
    if line.endswith(">") and "<" in line:
        name, email = line[:-1].rsplit("<", 1)
    elif "," in line and "@" in line.rsplit(",", 1)[1]:
        name, email = line.rsplit(",", 1)
    name, email = name.strip(), email.strip()
    if email:
        validate_email(email)
    if not name:
        raise ValidationError(_("Each line needs a name."))
    if len(name) > 200:
        raise ValidationError(_("A recipient's name is at most 200 characters."))
    return RecipientDraft(name, email)


class RecipientsForm(forms.Form):
    """Who the decision is sent to: any of those offered (the partners, the committee's standard
    recipients, the memo's own), and others one per line."""

    chosen = forms.MultipleChoiceField(
        label=_("Recipients"), required=False, widget=forms.CheckboxSelectMultiple
    )
    others = LinesField(
        label=_("Other recipients"),
        help_text=_("One per line: a name, and an e-mail address in <> if it is to be e-mailed."),
    )

    def __init__(self, *args, offered: list[RecipientDraft], chosen: list[str], **kwargs):
        super().__init__(*args, initial={"chosen": chosen}, **kwargs)
        self.offered = {draft.name: draft for draft in offered}
        self.fields["chosen"].choices = [
            (draft.name, f"{draft.name} <{draft.email}>" if draft.email else draft.name) for draft in offered
        ]
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_others(self) -> list[RecipientDraft]:
        drafts, errors = [], []
        for line in self.cleaned_data["others"]:
            try:
                drafts.append(parse_recipient(line))
            except ValidationError as error:
                errors.append(f"{line}: {' '.join(error.messages)}")
        if errors:
            raise ValidationError(errors)
        return drafts

    def recipients(self) -> list[RecipientDraft]:
        """The chosen ones, then the others, each name once (the first of a name counts)."""
        chosen = [self.offered[name] for name in self.cleaned_data["chosen"]]
        by_name: dict[str, RecipientDraft] = {}
        for draft in chosen + self.cleaned_data["others"]:
            by_name.setdefault(draft.name, draft)
        return list(by_name.values())


class SendForm(forms.Form):
    method = forms.ChoiceField(label=_("Sent by"), choices=MemoRecipient.Method.choices)
