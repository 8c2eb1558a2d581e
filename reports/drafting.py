"""Drafting the committee's memos from the registry (the layout both seeds share, DOMAIN.md).

`draft_followup_memo` and `draft_decision_memo` read the registry and return a `MemoDraft`
without writing anything, so tests compare their sentences with the seeds directly;
`save_draft` stores one as an editable `Memo`. Every sentence is a gettext msgid whose Swedish
text in the catalogue is the seed's; names and figures are filled in from data and settings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from partnerships.concurrency import claim_version
from partnerships.models import Agreement, AgreementParty, Committee, Criterion, Partner
from partnerships.tables import overview_rows

from . import memo_figures, wording
from .models import FollowUp, Memo, MemoDefaults, MemoSection


@dataclass
class SectionDraft:
    heading: str
    body: str = ""
    level: int = MemoSection.Level.HEADING
    overview_year: int | None = None
    agreement: Agreement | None = None


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
    recipients: list[str] = field(default_factory=list)
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


# --- The yearly follow-up memo (seed 000) ---------------------------------------------------


def civil_society_partners(agreements) -> list[Partner]:
    """The distinct civil-society organisations party to `agreements` (municipal co-financiers
    such as bildningsnämnden are not "aktörer från det lokala civilsamhället")."""
    seen: dict[int, Partner] = {}
    for agreement in agreements:
        for party in agreement.parties.all():
            if (
                party.partner.kind != Partner.Kind.MUNICIPAL_COMMITTEE
                and party.role != AgreementParty.Role.MUNICIPAL
            ):
                seen.setdefault(party.partner.pk, party.partner)
    return list(seen.values())


def partnership_count_sentence(*, committee: Committee, when: date, agreements, partners) -> str:
    """ "Inom arbetsmarknadsnämnden finns i mars 2022 fem Idéburna Offentliga Partnerskap (IOP)
    med fem olika aktörer från det lokala civilsamhället." (seed 000, Ärende)."""
    count, actors = len(agreements), len(partners)
    return _(
        "Within %(committee)s there are in %(when)s %(partnerships)s with %(actors)s from local civil society."
    ) % {
        "committee": wording.lower_first(committee.name),
        "when": wording.month_and_year(when),
        "partnerships": ngettext(
            "one Non-profit Public Partnership (IOP)", "%(count)s Non-profit Public Partnerships (IOP)", count
        )
        % {"count": wording.number_word(count)},
        "actors": ngettext("one actor", "%(count)s different actors", actors)
        % {"count": wording.number_word(actors)},
    }


def enrolled_sentence(count: int, year: int) -> str:
    """ "40 inskrivna deltagare under 2021." (seed 000, Kompletterande språkträning)."""
    return ngettext(
        "%(count)s enrolled participant during %(year)s.",
        "%(count)s enrolled participants during %(year)s.",
        count,
    ) % {"count": count, "year": year}


def states_enrolled(text: str, count: int) -> bool:
    """Whether the partner's own text already gives the figure ("… haft 54 inskrivna deltagare."),
    in which case the memo does not say it twice."""
    phrase = re.escape(str(FollowUp._meta.get_field("enrolled").verbose_name))
    return re.search(rf"(?<!\d){count}\s+{phrase}", text) is not None


def with_decided_successors(agreements) -> list[Agreement]:
    """Fetch every agreement's decided successors, earliest first, in one query, as
    `agreement.decided_successors` (read by `ended_sentences`). A draft successor is not the
    committee's yet, so a memo does not announce it."""
    agreements = list(agreements)
    prefetch_related_objects(
        agreements,
        Prefetch(
            "successors",
            queryset=Agreement.objects.decided().order_by("valid_from", "pk"),
            to_attr="decided_successors",
        ),
    )
    return agreements


def ended_sentences(agreement: Agreement, report_year: int) -> list[str]:
    """An agreement that ran out in the report year says so, and names its decided successor
    (seed 000, Språkvänner). The dates are printed as the seed prints them.

    Reads the successors `with_decided_successors` fetched (it fetches them itself for an
    agreement that has not been through it)."""
    if agreement.valid_to.year != report_year:
        return []
    sentences = [
        _("IOP %(name)s expired on %(end)s.")
        % {"name": agreement.name, "end": wording.iso(agreement.valid_to)}
    ]
    if not hasattr(agreement, "decided_successors"):
        with_decided_successors([agreement])
    successor = agreement.decided_successors[0] if agreement.decided_successors else None
    if successor is not None:
        sentences.append(
            _("A new agreement, %(name)s, has been drawn up for the period %(start)s – %(end)s.")
            % {
                "name": successor.name,
                "start": successor.valid_from.strftime("%Y.%m.%d"),
                "end": successor.valid_to.strftime("%Y.%m.%d"),
            }
        )
    return sentences


def followup_summary(agreement: Agreement, report_year: int, follow_up: FollowUp | None) -> str:
    """One agreement's paragraph under "Sammanfattning och återrapport": the enrolled figure,
    the approved follow-up's texts, and how the agreement ended if it did."""
    texts = (
        [t.strip() for t in (follow_up.summary, follow_up.challenges, follow_up.results)] if follow_up else []
    )
    texts = [t for t in texts if t]
    if (
        follow_up
        and follow_up.enrolled is not None
        and not any(states_enrolled(t, follow_up.enrolled) for t in texts)
    ):
        texts.insert(0, enrolled_sentence(follow_up.enrolled, report_year))
    return " ".join([*texts, *ended_sentences(agreement, report_year)])


def summary_order(report_rows, overview_rows_) -> list[Agreement]:
    """The agreements that ran in the report year: those still in the overview table first, in
    its order, then those that have ended (seed 000 puts Språkvänner, which ran out, last)."""
    position = {row.agreement.pk: index for index, row in enumerate(overview_rows_)}
    ordered = sorted(
        enumerate(report_rows),
        key=lambda item: (
            (0, position[item[1].agreement.pk]) if item[1].agreement.pk in position else (1, item[0])
        ),
    )
    return [row.agreement for _index, row in ordered]


def draft_followup_memo(
    *, committee: Committee, report_year: int, overview_year: int, date: date, case_number: str = ""
) -> MemoDraft:
    """Uppföljning av arbetsmarknadsnämndens idéburna offentliga partnerskap (seed 000): the
    overview table of `overview_year` and one summary per agreement that ran in `report_year`."""
    agreements = memo_agreements(committee)
    in_overview = overview_rows(agreements, overview_year)
    in_report_year = overview_rows(agreements, report_year)
    committee_genitive = wording.genitive(wording.lower_first(committee.name))
    title = _("Follow-up of %(committee)s non-profit public partnerships") % {"committee": committee_genitive}
    with_decided_successors(row.agreement for row in in_report_year)
    follow_ups = {
        f.agreement_id: f
        for f in FollowUp.objects.approved().filter(
            year=report_year, agreement__in=[r.agreement for r in in_report_year]
        )
    }

    report_agreements = [row.agreement for row in in_report_year]
    sections = [
        SectionDraft(
            _("Matter"),
            paragraphs(
                " ".join(
                    [
                        partnership_count_sentence(
                            committee=committee,
                            when=date,
                            agreements=in_overview,
                            partners=civil_society_partners(row.agreement for row in in_overview),
                        ),
                        _(
                            "The purpose of IOP is to find, through cooperation, innovative solutions to complex "
                            "challenges within the committee's area of responsibility and to create added value for "
                            "%(place)s residents."
                        )
                        % {"place": wording.municipality_place()},
                    ]
                ),
                _(
                    "In %(year)s the municipal council decided on Guidelines for IOP in %(municipality)s, which are "
                    "the guidelines every IOP is based on."
                )
                % {"year": settings.IOP_GUIDELINES_YEAR, "municipality": wording.municipality()},
            ),
        ),
        SectionDraft(
            _("Background"),
            _(
                "Central to all the municipality's IOPs is that they are a mutual commitment between the "
                "administration and the non-profit sector, in which joint solutions to complex societal challenges "
                "are developed from a shared definition of the problem. The initiative for an IOP is to come from "
                "the non-profit sector, and the activity within an IOP is not to be of such a kind that there is a "
                "competitive situation to protect. The value of an IOP is calculated from, for example, the staff, "
                "premises, administration and material needed to carry out the activities, and the parties "
                "co-finance the activity."
            ),
        ),
        SectionDraft(
            _("Overview of IOP within %(committee)s") % {"committee": wording.lower_first(committee.name)},
            _(
                "The table below gives an overall summary of %(committee)s IOPs. Where the agreement covers "
                "work-like activity, the categorisation of places developed within Arena Arbetsmarknad is applied, "
                "to match the participant's degree of independence in a work-like situation."
            )
            % {"committee": committee_genitive},
            level=MemoSection.Level.SUBHEADING,
            overview_year=overview_year,
        ),
        SectionDraft(_("Summary and report %(year)s") % {"year": report_year}),
        *[
            SectionDraft(
                agreement.name,
                followup_summary(agreement, report_year, follow_ups.get(agreement.pk)),
                level=MemoSection.Level.SUBHEADING,
                agreement=agreement,
            )
            for agreement in summary_order(in_report_year, in_overview)
        ],
        SectionDraft(
            _("Economic consequences"), memo_figures.key_figures_text(report_agreements, report_year)
        ),
        *common_closing_sections(
            committee=committee,
            goals=_(
                "%(committee)s cooperation with civil society and the non-profit sector contributes to the "
                "committee's goal *High degree of self-sufficiency* and to the municipality-wide goal *Strong "
                "community and people in work*."
            )
            % {"committee": wording.upper_first(committee_genitive)},
            gender_equality=paragraphs(
                _(
                    "Partnerships and agreements with third parties are based on all residents, regardless of "
                    "sex, ethnicity, age or other ground of discrimination, having access to and the opportunity "
                    "to take part in a relevant measure."
                ),
                memo_figures.gender_equality_text(report_agreements, report_year),
            ),
            consultation=_("Consultation is not called for."),
            evaluation=_(
                "The IOPs the committee has decided on are managed according to the administration's current "
                'routines, and in accordance with the municipal executive board\'s decision "Guidelines for IOP".'
            ),
        ),
    ]
    return MemoDraft(
        kind=Memo.Kind.FOLLOW_UP,
        title=title,
        date=date,
        case_number=case_number,
        committee=committee,
        report_year=report_year,
        administration=committee.administration,
        signer=default_signer(committee),
        decision_points=[_("The information is noted.")],
        basis=[
            _("Memo – %(title)s, %(date)s") % {"title": title, "date": wording.iso(date)},
            *[_("IOP %(name)s") % {"name": row.name} for row in in_overview],
        ],
        sections=sections,
    )


# --- The decision memo for a new or renewed agreement (seed 003) ----------------------------

SUBJECT_BY_KIND = {
    Partner.Kind.ASSOCIATION: lambda: _("The association"),
    Partner.Kind.FOUNDATION: lambda: _("The foundation"),
    Partner.Kind.FAITH_COMMUNITY: lambda: _("The faith community"),
}


def partner_parties(agreement: Agreement) -> list[AgreementParty]:
    """The civil-society parties: the ones a decision memo names as the partnership's other side."""
    return [party for party in agreement.parties.all() if party.role != AgreementParty.Role.MUNICIPAL]


def partner_contribution(agreement: Agreement) -> Decimal:
    """What the partners bring per year: their stated in-kind contributions where given, else the
    value less the committee's cost (DOMAIN.md, "Motpartens insats")."""
    stated = [
        party.in_kind_contribution
        for party in partner_parties(agreement)
        if party.in_kind_contribution is not None
    ]
    return sum(stated, Decimal(0)) if stated else agreement.partner_contribution_per_year


def decision_sentence(agreement: Agreement, partner_name: str) -> str:
    """The proposed decision (seed 003): "Arbetsmarknadsnämnden uppdrar åt integration- och
    arbetsmarknadsdirektören att teckna idéburet offentligt partnerskap med … för perioden
    2023-01-01 till och med 2024-12-31"."""
    return _(
        "%(committee)s instructs the %(director)s to sign a non-profit public partnership with %(partner)s for "
        "the period %(start)s to and including %(end)s"
    ) % {
        "committee": agreement.committee.name,
        "director": wording.director(agreement.committee.administration),
        "partner": partner_name,
        "start": wording.iso(agreement.valid_from),
        "end": wording.iso(agreement.valid_to),
    }


def economic_consequences(
    agreement: Agreement, *, short_name: str, committee_pays_for: str, partner_contributes: str
) -> str:
    """Ekonomiska konsekvenser (seed 003): value, the committee's cost, the partner's contribution,
    and the price level with the yearly indexation, all from the agreement."""
    committee = wording.lower_first(agreement.committee.name)
    cost = {
        "committee": committee,
        "partner": short_name,
        "cost": wording.kronor(agreement.committee_cost_per_year),
    }
    contribution = {"partner": short_name, "amount": wording.kronor(partner_contribution(agreement))}
    first = " ".join(
        [
            _("The total value of the activity within the agreement is estimated at %(value)s per year.")
            % {"value": wording.kronor(agreement.value_per_year)},
            (
                _(
                    "In the proposed decision %(committee)s compensates %(partner)s with %(cost)s per year for %(purpose)s."
                )
                % {**cost, "purpose": committee_pays_for}
                if committee_pays_for
                else _(
                    "In the proposed decision %(committee)s compensates %(partner)s with %(cost)s per year."
                )
                % cost
            ),
            (
                _("%(partner)s contributes %(contribution)s to a value of at least %(amount)s per year.")
                % {**contribution, "contribution": partner_contributes}
                if partner_contributes
                else _("%(partner)s contributes to a value of at least %(amount)s per year.") % contribution
            ),
        ]
    )
    if agreement.indexation_percent:
        second = _(
            "The amounts are stated in %(year)s's price level and for every new calendar year the costs are "
            "adjusted for price and wage changes by %(rate)s %%."
        ) % {"year": agreement.price_level_year, "rate": wording.percent(agreement.indexation_percent)}
    else:
        second = _("The amounts are stated in %(year)s's price level and are not indexed.") % {
            "year": agreement.price_level_year
        }
    return paragraphs(first, second)


def predecessor_sentence(agreement: Agreement, subject: str, on: date) -> str:
    """ "Föreningen har ett pågående idébaserat offentligt partnerskap med arbetsmarknadsnämnden för
    perioden 2021-01-01 till och med 2022-12-31." (seed 003, Bakgrund)."""
    previous = agreement.predecessor
    if previous is None:
        return ""
    values = {
        "subject": subject,
        "committee": wording.lower_first(previous.committee.name),
        "start": wording.iso(previous.valid_from),
        "end": wording.iso(previous.valid_to),
    }
    if previous.valid_to >= on:
        return (
            _(
                "%(subject)s has an ongoing non-profit public partnership with %(committee)s for the period "
                "%(start)s to and including %(end)s."
            )
            % values
        )
    return (
        _(
            "%(subject)s had a non-profit public partnership with %(committee)s for the period %(start)s to and "
            "including %(end)s."
        )
        % values
    )


def draft_decision_memo(
    *,
    agreement: Agreement,
    date: date,
    case_number: str = "",
    partner_name: str = "",
    partner_short_name: str = "",
    committee_pays_for: str = "",
    partner_contributes: str = "",
) -> MemoDraft:
    """IOP med … (seed 003): the decision sentence, the IOP explanation with the guideline's eight
    criteria and the economic consequences, from a draft or decided agreement.

    `partner_name` is the partner's full name as the decision names it ("Internationella
    Kvinnoföreningen i Linköping"), `partner_short_name` how the rest of the text calls it ("IKF");
    both default to the registered names. `committee_pays_for` and `partner_contributes` are the
    words the registry does not hold ("handledning och administration kopplat till verksamheten",
    "lokaler och personalresurser").
    """
    committee = agreement.committee
    parties = partner_parties(agreement)
    registered = wording.join_names([party.partner.name for party in parties])
    partner_name = partner_name or registered
    short_name = partner_short_name or partner_name
    title = _("IOP with %(partners)s") % {"partners": registered}
    subject = (
        SUBJECT_BY_KIND.get(parties[0].partner.kind, lambda: short_name)()
        if len(parties) == 1
        else short_name
    )
    municipality = wording.municipality()
    background = paragraphs(
        predecessor_sentence(agreement, subject, date),
        _("The primary target group of the parties' cooperation is %(target_group)s.")
        % {"target_group": agreement.target_group}
        if agreement.target_group
        else "",
        " ".join(
            filter(
                None,
                [
                    _("The agreement covers %(capacity)s.") % {"capacity": agreement.capacity_display}
                    if agreement.capacity_display
                    else "",
                    _(
                        "Placement will be made through the coordinating function at %(administration)s, which will then "
                        "follow up the individual's participation and progression together with the activity leaders "
                        "from %(partner)s."
                    )
                    % {"administration": committee.administration, "partner": short_name},
                ],
            )
        ),
        _(
            "The partnership builds on the agreement between the non-profit sector and %(municipality)s, which "
            "covers the principles of integrity, dialogue, long-term commitment, openness and diversity."
        )
        % {"municipality": municipality},
    )
    criteria = "\n".join(f"- {criterion.label}" for criterion in Criterion)
    sections = [
        SectionDraft(
            _("Matter"),
            _("The measure covers %(purpose)s.") % {"purpose": agreement.purpose.rstrip(".")},
        ),
        SectionDraft(_("Background"), background),
        SectionDraft(
            _("Non-profit Public Partnership"),
            paragraphs(
                _(
                    "A Non-profit Public Partnership (IOP) is a model of cooperation within which the municipality, "
                    "together with one or more civil society actors, can jointly develop solutions to complex "
                    "societal problems without using grants or procurement as financing."
                ),
                _(
                    "%(municipality)s guideline for Non-profit Public Partnership (%(reference)s) states that an IOP "
                    "may be signed between the responsible committee and one or more civil society actors when"
                )
                % {
                    "municipality": wording.genitive(municipality),
                    "reference": settings.IOP_GUIDELINES_REFERENCE,
                },
                criteria,
                _(
                    "The partnership is entered into by the parties signing an agreement based on shared "
                    "formulations of purpose, goals and target group. The agreement specifies what the partnership "
                    "concerns, which party is to contribute which resources, how long the agreement is to apply "
                    "and how the parties intend to follow up and possibly develop the cooperation over time."
                ),
            ),
        ),
        SectionDraft(
            _("Economic consequences"),
            economic_consequences(
                agreement,
                short_name=short_name,
                committee_pays_for=committee_pays_for,
                partner_contributes=partner_contributes,
            ),
        ),
        *common_closing_sections(
            committee=committee,
            goals=_(
                "The agreement contributes to goal fulfilment within the municipal council's overall goal areas "
                "Society and Citizens and contributes to %(committee)s goal of a high degree of self-sufficiency."
            )
            % {"committee": wording.genitive(wording.lower_first(committee.name))},
            gender_equality=_(
                "The administration has not carried out a gender equality analysis of the matter."
            ),
            consultation=_(
                "The agreement has been drawn up in dialogue with %(partner)s. The legal unit has reviewed the "
                "proposed agreement and has no objection to it."
            )
            % {"partner": short_name},
            evaluation=_(
                "The activity and the parties' cooperation are continuously followed up and evaluated within the "
                "framework of the agreement."
            ),
        ),
    ]
    return MemoDraft(
        kind=Memo.Kind.NEW_AGREEMENT,
        title=title,
        date=date,
        case_number=case_number or agreement.case_number,
        committee=committee,
        agreement=agreement,
        administration=committee.administration,
        signer=default_signer(committee),
        decision_points=[decision_sentence(agreement, partner_name)],
        basis=[
            _("Memo – %(title)s, %(date)s") % {"title": title, "date": wording.iso(date)},
            _("Attachment – Agreement IOP %(partners)s") % {"partners": registered},
        ],
        sections=sections,
    )


@transaction.atomic
def save_draft(draft: MemoDraft, *, by) -> Memo:
    """Store a draft as an editable memo with its sections in order."""
    memo = Memo.objects.create(
        kind=draft.kind,
        title=draft.title,
        date=draft.date,
        case_number=draft.case_number,
        committee=draft.committee,
        agreement=draft.agreement,
        report_year=draft.report_year,
        decision_points=draft.decision_points,
        basis=draft.basis,
        administration=draft.administration,
        signer=draft.signer,
        recipients=draft.recipients,
        footnotes=draft.footnotes,
        created_by=by,
    )
    for order, section in enumerate(draft.sections, start=1):
        # One by one, not bulk_create, so every section gets its first history record.
        MemoSection.objects.create(
            memo=memo,
            order=order,
            level=section.level,
            heading=section.heading,
            body=section.body,
            overview_year=section.overview_year,
            agreement=section.agreement,
        )
    return memo


# --- A follow-up memo's summaries after drafting --------------------------------------------


@dataclass(frozen=True)
class SummaryGap:
    """An agreement's section of a follow-up memo that does not hold the agreement's follow-up.

    `follow_up` is the approved follow-up if there is one now: the section was drafted before it
    was approved, and `fill_summary` can fill it in. Without one the memo has no summary for
    that agreement yet."""

    section: MemoSection
    follow_up: FollowUp | None

    @property
    def can_fill(self) -> bool:
        return self.follow_up is not None


def lacks_follow_up(section: MemoSection, report_year: int) -> bool:
    """The section's text is empty, or still only what drafting writes when there is no approved
    follow-up (an agreement that ran out keeps its closing sentences). Text someone wrote is
    never taken for a gap."""
    body = section.body.strip()
    return not body or body == followup_summary(section.agreement, report_year, None).strip()


def summary_gaps(memo: Memo) -> list[SummaryGap]:
    """The agreement sections of a follow-up memo without their follow-up, in the memo's order.

    The memo's text was copied from the approved follow-ups when it was drafted, so what counts is
    the text, not whether a follow-up has been approved since (constant queries)."""
    if memo.kind != Memo.Kind.FOLLOW_UP or not memo.report_year:
        return []
    sections = list(memo.sections.filter(agreement__isnull=False).select_related("agreement"))
    with_decided_successors(section.agreement for section in sections)
    approved = {
        follow_up.agreement_id: follow_up
        for follow_up in FollowUp.objects.approved().filter(
            year=memo.report_year, agreement_id__in=[section.agreement_id for section in sections]
        )
    }
    return [
        SummaryGap(section, approved.get(section.agreement_id))
        for section in sections
        if lacks_follow_up(section, memo.report_year)
    ]


@transaction.atomic
def fill_summary(*, memo: Memo, section: MemoSection, seen_version: int | None) -> MemoSection:
    """Fill an agreement's section from the follow-up approved since the memo was drafted, with
    the text drafting gives it (`followup_summary`).

    Only over the memo version the user saw (`partnerships.concurrency`: EditConflict
    otherwise), and only a section that still lacks its follow-up: text someone wrote in the
    meantime is never replaced. The memo's version moves on, so an edit form opened before the
    fill cannot save the empty section back over it."""
    version = claim_version(Memo, memo.pk, seen_version)
    gap = next((gap for gap in summary_gaps(memo) if gap.section.pk == section.pk), None)
    if gap is None:
        raise ValidationError(_("This section already has its text."))
    if not gap.can_fill:
        raise ValidationError(
            _("The agreement has no approved follow-up for %(year)s yet.") % {"year": memo.report_year}
        )
    section = gap.section
    section.body = followup_summary(section.agreement, memo.report_year, gap.follow_up)
    section.save()
    Memo.objects.filter(pk=memo.pk).update(version=version, updated_at=timezone.now())
    memo.version = version
    return section
