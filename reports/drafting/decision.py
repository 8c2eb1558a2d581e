"""The decision memo for a new or renewed agreement (docs/domain.md, IKF decision memo, "IOP med Internationella
Kvinnoföreningen"): the decision sentence, the guideline's criteria, the economic consequences."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext as _

from partnerships.models import Agreement, AgreementParty, Partner

from .. import wording
from ..models import Memo
from . import goals
from .base import MemoDraft, SectionDraft, common_closing_sections, default_signer, paragraphs
from .results import period_totals, predecessor_results

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
    value less the committee's cost (docs/domain.md, "Motpartens insats")."""
    stated = [
        party.in_kind_contribution
        for party in partner_parties(agreement)
        if party.in_kind_contribution is not None
    ]
    return sum(stated, Decimal(0)) if stated else agreement.partner_contribution_per_year


def decision_sentence(agreement: Agreement, partner_name: str) -> str:
    """The proposed decision (docs/domain.md, IKF decision memo): "Arbetsmarknadsnämnden uppdrar åt integration- och
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
    """Ekonomiska konsekvenser (docs/domain.md, IKF decision memo): value, the committee's cost, the partner's contribution,
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
    return paragraphs(first, second, period_totals(agreement))


def deviation_sentence(agreement: Agreement) -> str:
    """Issue 23: an agreement decided although a criterion is not met states the deviation and its
    justification (partnerships/deviation.py); "" when every criterion is met or none is answered."""
    if not agreement.deviation.strip():
        return ""
    unmet = [answer.criterion for answer in agreement.criteria.all() if answer.fulfilled is False]
    if not unmet:
        return ""
    texts = {criterion.number: criterion.text for criterion in agreement.guideline_criteria()}
    return _(
        "Criterion %(numbers)s of the guideline is not met (%(criteria)s). The administration proposes that the "
        "committee decide on the agreement with a deviation from the guideline, on these grounds: %(deviation)s"
    ) % {
        "numbers": ", ".join(map(str, unmet)),
        "criteria": "; ".join(texts.get(number, "") for number in unmet),
        "deviation": agreement.deviation.strip(),
    }


def predecessor_sentence(agreement: Agreement, subject: str, on: date) -> str:
    """ "Föreningen har ett pågående idébaserat offentligt partnerskap med arbetsmarknadsnämnden för
    perioden 2021-01-01 till och med 2022-12-31." (docs/domain.md, IKF decision memo, Bakgrund)."""
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
    """IOP med … (docs/domain.md, IKF decision memo): the decision sentence, the IOP explanation with the guideline's eight
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
        " ".join(
            filter(
                None, [predecessor_sentence(agreement, subject, date), predecessor_results(agreement, date)]
            )
        ),
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
    # The criteria of the guideline the agreement is assessed under (partnerships/guidelines.py).
    criteria = "\n".join(f"- {criterion.text}" for criterion in agreement.guideline_criteria())
    reference = agreement.guideline.reference if agreement.guideline_id else settings.IOP_GUIDELINES_REFERENCE
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
                    "reference": reference,
                },
                criteria,
                deviation_sentence(agreement),
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
            goals=goals.decision_goals_text(
                agreement,
                fallback=_(
                    "The agreement contributes to goal fulfilment within the municipal council's overall goal areas "
                    "Society and Citizens and contributes to %(committee)s goal of a high degree of self-sufficiency."
                )
                % {"committee": wording.genitive(wording.lower_first(committee.name))},
            ),
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
