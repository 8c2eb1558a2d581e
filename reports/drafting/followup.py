"""The yearly follow-up memo (docs/domain.md, follow-up memo, "Uppföljning av arbetsmarknadsnämndens idéburna
offentliga partnerskap"): the overview table and one summary per agreement that ran."""

from __future__ import annotations

import re
from datetime import date

from django.conf import settings
from django.db.models import Prefetch, prefetch_related_objects
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from partnerships.models import Agreement, AgreementParty, Committee, Partner
from partnerships.overview import OverviewRow, build_overview

from .. import memo_figures, wording
from ..keyfigures import build_key_figures
from ..models import FollowUp, Memo, MemoSection
from . import goals
from .base import (
    MemoDraft,
    SectionDraft,
    common_closing_sections,
    default_signer,
    memo_agreements,
    paragraphs,
)
from .meetings import meeting_decisions_section


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
    med fem olika aktörer från det lokala civilsamhället." (docs/domain.md, follow-up memo, Ärende)."""
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
    """ "40 inskrivna deltagare under 2021." (docs/domain.md, follow-up memo, Kompletterande språkträning)."""
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
    (docs/domain.md, follow-up memo, Språkvänner). The dates are printed as the seed prints them.

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


def summary_order(report_rows: tuple[OverviewRow, ...], overview_rows: tuple[OverviewRow, ...]) -> list[int]:
    """The agreements (pks) that ran in the report year: those still in the overview table first,
    in its order, then those that have ended (docs/domain.md, follow-up memo puts Språkvänner, which ran out, last)."""
    position = {row.agreement_id: index for index, row in enumerate(overview_rows)}
    ordered = sorted(
        enumerate(report_rows),
        key=lambda item: (
            (0, position[item[1].agreement_id]) if item[1].agreement_id in position else (1, item[0])
        ),
    )
    return [row.agreement_id for _index, row in ordered]


def draft_followup_memo(
    *, committee: Committee, report_year: int, overview_year: int, date: date, case_number: str = ""
) -> MemoDraft:
    """Uppföljning av arbetsmarknadsnämndens idéburna offentliga partnerskap (docs/domain.md, follow-up memo): the
    overview table of `overview_year` and one summary per agreement that ran in `report_year`."""
    agreements = memo_agreements(committee)
    in_overview = build_overview(agreements, year=overview_year, committee=committee).rows
    in_report_year = build_overview(agreements, year=report_year, committee=committee).rows
    # The agreements behind both tables' rows, with their parties and decided successors.
    by_pk = {
        agreement.pk: agreement
        for agreement in with_decided_successors(
            agreements.filter(
                pk__in={row.agreement_id for row in (*in_overview, *in_report_year)}
            ).for_listing()
        )
    }
    report_agreements = [by_pk[row.agreement_id] for row in in_report_year]
    # The one key-figures builder (reports/keyfigures.py) for both sections that print figures;
    # the previous year's sum is of every decided agreement of the committee that ran in it.
    key_figures = build_key_figures(
        report_agreements, report_year, previous_agreements=agreements.valid_in(report_year - 1)
    )
    committee_genitive = wording.genitive(wording.lower_first(committee.name))
    title = _("Follow-up of %(committee)s non-profit public partnerships") % {"committee": committee_genitive}
    follow_ups = {
        f.agreement_id: f
        for f in FollowUp.objects.approved().filter(
            year=report_year, agreement_id__in=[r.agreement_id for r in in_report_year]
        )
    }

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
                            partners=civil_society_partners(by_pk[row.agreement_id] for row in in_overview),
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
                by_pk[pk].name,
                followup_summary(by_pk[pk], report_year, follow_ups.get(pk)),
                level=MemoSection.Level.SUBHEADING,
                agreement=by_pk[pk],
            )
            for pk in summary_order(in_report_year, in_overview)
        ],
        *meeting_decisions_section([row.agreement_id for row in in_report_year], report_year),
        SectionDraft(_("Economic consequences"), memo_figures.key_figures_text(key_figures)),
        *common_closing_sections(
            committee=committee,
            goals=goals.followup_goals_text(
                committee,
                report_agreements,
                fallback=_(
                    "%(committee)s cooperation with civil society and the non-profit sector contributes to the "
                    "committee's goal *High degree of self-sufficiency* and to the municipality-wide goal *Strong "
                    "community and people in work*."
                )
                % {"committee": wording.upper_first(committee_genitive)},
            ),
            gender_equality=paragraphs(
                _(
                    "Partnerships and agreements with third parties are based on all residents, regardless of "
                    "sex, ethnicity, age or other ground of discrimination, having access to and the opportunity "
                    "to take part in a relevant measure."
                ),
                memo_figures.gender_equality_text(key_figures),
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
