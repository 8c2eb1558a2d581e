"""What every memo drafter shares: the draft's shape and the closing sections both seeds have
(the layout in docs/domain.md, "Tjänsteskrivelse layout").

A drafter (one module per memo kind: `followup`, `decision`) reads the registry and returns a
`MemoDraft` without writing anything, so tests compare its sentences with the seeds directly;
`reports.services.save_draft` stores one as an editable `Memo`. Every sentence is a gettext
msgid whose Swedish text in the catalogue is the seed's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

from partnerships.models import Agreement, Committee

from ..models import MemoDefaults, MemoSection


@dataclass
class SectionDraft:
    heading: str
    body: str = ""
    level: int = MemoSection.Level.HEADING
    overview_year: int | None = None
    agreement: Agreement | None = None


@dataclass(frozen=True)
class RecipientDraft:
    """A line of "Beslutet skickas till": who, and the address the decision can be e-mailed to."""

    name: str
    email: str = ""


@dataclass
class MemoDraft:
    kind: str
    title: str
    date: date
    committee: Committee
    administration: str
    signer: str = ""
    case_number: str = ""
    agreement: Agreement | None = None
    report_year: int | None = None
    decision_points: list[str] = field(default_factory=list)
    basis: list[str] = field(default_factory=list)
    sections: list[SectionDraft] = field(default_factory=list)
    recipients: list[RecipientDraft] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)

    def section(self, heading: str) -> SectionDraft:
        """The section with this heading (tests and the demo look sections up by heading)."""
        return next(section for section in self.sections if section.heading == heading)


def memo_agreements(committee: Committee):
    """The agreements a committee's memo reports: decided ones (a draft is not the committee's yet)."""
    return Agreement.objects.decided().filter(committee=committee)


def default_signer(committee: Committee) -> str:
    defaults = MemoDefaults.objects.filter(committee=committee).first()
    return defaults.signer if defaults else ""


def default_recipients(committee: Committee, agreement: Agreement | None = None) -> list[RecipientDraft]:
    """Who a memo's decision may be sent to, offered when its recipients are chosen (the seeds'
    memos print "-", so a draft starts with none): the agreement's partners (with the address
    they gave the registry), then the committee's standard recipients (reports.StandardRecipient:
    the finance office, units), each name once."""
    from ..models import StandardRecipient

    drafts: dict[str, RecipientDraft] = {}
    if agreement is not None:
        for party in agreement.parties.select_related("partner").order_by("order", "pk"):
            partner = party.partner
            drafts.setdefault(partner.name, RecipientDraft(partner.name, partner.email))
    for standard in StandardRecipient.objects.filter(committee=committee):
        drafts.setdefault(standard.name, RecipientDraft(standard.name, standard.email))
    return list(drafts.values())


def goals_link(committee: Committee) -> str:
    """The line under "Kommunala mål" linking to the council's goals, where the committee has one."""
    defaults = MemoDefaults.objects.filter(committee=committee).first()
    if not defaults or not defaults.goals_url:
        return ""
    text = _("Link to the municipal council's overall goals")
    return f"[{text}]({defaults.goals_url})"


def paragraphs(*texts: str) -> str:
    return "\n\n".join(text for text in texts if text)


def common_closing_sections(
    *, goals: str, gender_equality: str, consultation: str, evaluation: str, committee
) -> list[SectionDraft]:
    """Kommunala mål … MBL: the closing headings both seeds share, in their order."""
    return [
        SectionDraft(_("Municipal goals"), paragraphs(goals, goals_link(committee))),
        SectionDraft(_("Gender equality"), gender_equality),
        SectionDraft(_("Consultation"), consultation),
        SectionDraft(_("Follow-up and evaluation"), evaluation),
        SectionDraft(
            _("Information or negotiation under the Co-determination in the Workplace Act (1976:580)"),
            _("Information or negotiation under the Co-determination Act is not called for."),
        ),
    ]
