"""Seed 000 drafted from the registry: the same figures and sentences as the committee's memo."""

from datetime import date

import pytest

from partnerships.models import Agreement
from reports import drafting
from reports.models import FollowUp, Memo

pytestmark = pytest.mark.django_db

SECTION_ORDER = [
    (1, "Ärende"),
    (1, "Bakgrund"),
    (2, "Översikt IOP inom arbetsmarknadsnämnden"),
    (1, "Sammanfattning och återrapport 2021"),
    (2, "Hoppfull framtid"),
    (2, "Bro-modellen"),
    (2, "Kompletterande språkträning"),
    (2, "Inkludering på lika villkor"),
    (2, "Språkvänner"),
    (1, "Ekonomiska konsekvenser"),
    (1, "Kommunala mål"),
    (1, "Jämställdhet"),
    (1, "Samråd"),
    (1, "Uppföljning och utvärdering"),
    (1, "Information eller förhandling enligt lag (1976:580) om medbestämmande i arbetslivet"),
]


def test_title_decision_and_signer(followup_draft):
    assert followup_draft.title == "Uppföljning av arbetsmarknadsnämndens idéburna offentliga partnerskap"
    assert followup_draft.decision_points == ["Informationen noteras."]
    assert followup_draft.administration == "Integration- och arbetsmarknadsförvaltningen"
    assert followup_draft.signer == "Mikaela Schullström"
    assert followup_draft.kind == Memo.Kind.FOLLOW_UP


def test_sections_in_the_seeds_order_with_one_summary_per_agreement_that_ran(followup_draft):
    """Vi Ses! starts 2022: no 2021 summary. Språkvänner ended 2021: a summary, last."""
    assert [(s.level, s.heading) for s in followup_draft.sections] == SECTION_ORDER


def test_the_overview_section_prints_the_overview_years_table(followup_draft):
    overview = followup_draft.section("Översikt IOP inom arbetsmarknadsnämnden")
    assert overview.overview_year == 2022
    assert overview.body.startswith(
        "I nedanstående tabell finns en övergripande sammanställning över arbetsmarknadsnämndens IOP:er."
    )


def test_matter_counts_partnerships_and_civil_society_actors(followup_draft):
    """Five IOPs in 2022 with five civil-society actors (bildningsnämnden is municipal). The seed's
    "i februari 2021" is a leftover from the year before; the draft says the memo's month."""
    matter = followup_draft.section("Ärende").body.split("\n\n")
    assert matter == [
        "Inom arbetsmarknadsnämnden finns i mars 2022 fem Idéburna Offentliga Partnerskap (IOP) med fem olika "
        "aktörer från det lokala civilsamhället. Syftet med IOP är att genom samverkan finna innovativa lösningar "
        "på komplexa utmaningar inom nämndens ansvarsområde och tillskapa mervärde för Linköpings invånare.",
        "2016 fattade KF beslut om Riktlinjer för IOP i Linköpings kommun, vilka är de riktlinjer som varje IOP "
        "utgår ifrån.",
    ]


def test_decision_basis(followup_draft):
    assert followup_draft.basis == [
        "Tjänsteskrivelse – Uppföljning av arbetsmarknadsnämndens idéburna offentliga partnerskap, 2022-03-30",
        "IOP Hoppfull framtid",
        "IOP Bro-modellen",
        "IOP Vi Ses!",
        "IOP Kompletterande språkträning",
        "IOP Inkludering på lika villkor",
    ]


def test_enrolled_figure_opens_the_summary_unless_the_text_already_gives_it(followup_draft):
    assert followup_draft.section("Kompletterande språkträning").body.startswith(
        "40 inskrivna deltagare under 2021. Verksamheten har bedrivits digitalt under första halvan av 2021."
    )
    inkludering = followup_draft.section("Inkludering på lika villkor").body
    assert inkludering.startswith("Under 2021 har verksamheten haft 54 inskrivna deltagare. Deltagarna har")
    assert inkludering.count("54 inskrivna deltagare") == 1


def test_an_agreement_that_ran_out_names_its_successor(followup_draft):
    assert followup_draft.section("Språkvänner").body == (
        "Språkvänner har arbetat med att anpassa verksamheten till rådande pandemi och har haft digitala "
        "språkcaféer samt träffats utomhus för walk-and-talks när situationen tillåtit. IOP Språkvänner löpte ut "
        "2021-12-31. En ny överenskommelse, Vi Ses!, har tagits fram för perioden 2022.01.01 – 2023.12.31."
    )


def test_only_approved_follow_ups_are_summarised(demo, committee):
    FollowUp.objects.filter(agreement=demo["agreements"]["bro"], year=2021).update(
        status=FollowUp.Status.SUBMITTED, approved_at=None
    )
    draft = drafting.draft_followup_memo(
        committee=committee, report_year=2021, overview_year=2022, date=date(2022, 3, 30)
    )
    assert draft.section("Bro-modellen").body == ""
    assert draft.section("Hoppfull framtid").body.startswith("Den stora utmaningen under 2021")


def test_draft_agreements_are_not_in_the_committees_overview(demo, committee):
    Agreement.objects.filter(pk=demo["agreements"]["vises"].pk).update(stage=Agreement.Stage.DRAFT)
    draft = drafting.draft_followup_memo(
        committee=committee, report_year=2021, overview_year=2022, date=date(2022, 3, 30)
    )
    assert "IOP Vi Ses!" not in draft.basis
    assert "fyra Idéburna Offentliga Partnerskap (IOP) med fyra olika aktörer" in draft.section("Ärende").body


def test_saving_a_draft_keeps_every_section_in_order(followup_draft, official):
    memo = drafting.save_draft(followup_draft, by=official)
    assert [(s.order, s.heading) for s in memo.sections.all()][:2] == [(1, "Ärende"), (2, "Bakgrund")]
    assert memo.sections.count() == len(SECTION_ORDER)
    assert memo.report_year == 2021
    assert memo.created_by == official
    assert memo.history.count() == 1
    assert memo.sections.first().history.count() == 1


def test_a_draft_successor_is_not_announced(demo, committee):
    """Only a decided agreement "har tagits fram": a draft is not the committee's yet."""
    Agreement.objects.filter(pk=demo["agreements"]["vises"].pk).update(stage=Agreement.Stage.DRAFT)
    draft = drafting.draft_followup_memo(
        committee=committee, report_year=2021, overview_year=2022, date=date(2022, 3, 30)
    )
    body = draft.section("Språkvänner").body
    assert body.endswith("IOP Språkvänner löpte ut 2021-12-31.")
    assert "En ny överenskommelse" not in body and "Vi Ses!" not in body


def test_the_earliest_decided_successor_is_announced(demo, committee):
    """A later draft successor beside the decided one changes nothing."""
    vises = demo["agreements"]["vises"]
    Agreement.objects.create(
        name="Utkast före",
        committee=committee,
        purpose="x",
        value_per_year=1,
        committee_cost_per_year=1,
        price_level_year=2021,
        valid_from=date(2021, 12, 1),
        valid_to=date(2022, 6, 30),
        predecessor=demo["agreements"]["sprakvanner"],
        stage=Agreement.Stage.DRAFT,
    )
    draft = drafting.draft_followup_memo(
        committee=committee, report_year=2021, overview_year=2022, date=date(2022, 3, 30)
    )
    assert draft.section("Språkvänner").body.endswith(
        f"En ny överenskommelse, {vises.name}, har tagits fram för perioden 2022.01.01 – 2023.12.31."
    )


def add_ended_agreements(committee, count: int, start: int) -> None:
    """Agreements that ran out in 2021, each with an approved 2021 follow-up and a successor,
    every other one decided."""
    from decimal import Decimal

    from partnerships.models import AgreementParty, Partner

    for index in range(start, start + count):
        common = {
            "committee": committee,
            "purpose": "arbetslik aktivitet",
            "value_per_year": Decimal(1000),
            "committee_cost_per_year": Decimal(500),
            "price_level_year": 2021,
            "stage": Agreement.Stage.DECIDED,
        }
        ended = Agreement.objects.create(
            name=f"Slut {index}", valid_from=date(2021, 1, 1), valid_to=date(2021, 12, 31), **common
        )
        AgreementParty.objects.create(
            agreement=ended, partner=Partner.objects.create(name=f"Förening {index}")
        )
        successor = {**common, "stage": Agreement.Stage.DECIDED if index % 2 else Agreement.Stage.DRAFT}
        Agreement.objects.create(
            name=f"Efter {index}",
            valid_from=date(2022, 1, 1),
            valid_to=date(2022, 12, 31),
            predecessor=ended,
            **successor,
        )
        FollowUp.objects.create(
            agreement=ended,
            year=2021,
            summary="Text.",
            status=FollowUp.Status.APPROVED,
            submitted_at="2022-02-01T10:00:00Z",
            approved_at="2022-03-01T10:00:00Z",
        )


def test_drafting_makes_the_same_number_of_queries_however_many_agreements_ran_out(demo, committee):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count() -> tuple[int, object]:
        with CaptureQueriesContext(connection) as captured:
            draft = drafting.draft_followup_memo(
                committee=committee, report_year=2021, overview_year=2022, date=date(2022, 3, 30)
            )
        return len(captured), draft

    add_ended_agreements(committee, 2, start=0)
    before, _draft = count()
    add_ended_agreements(committee, 4, start=2)
    after, draft = count()
    assert after == before
    assert draft.section("Slut 3").body.endswith(
        "En ny överenskommelse, Efter 3, har tagits fram för perioden 2022.01.01 – 2022.12.31."
    )
    assert draft.section("Slut 4").body.endswith("IOP Slut 4 löpte ut 2021-12-31.")
