"""Seed 003 drafted from the IKF 2023–2024 agreement: the decision, the criteria, the money."""

from datetime import date
from decimal import Decimal

import pytest

from reports import drafting
from reports.demo import IKF_DECISION

pytestmark = pytest.mark.django_db

CRITERIA = [
    "verksamheten sker på initiativ av den idéburna organisationen",
    "verksamheten är ett led i att förverkliga ett politiskt program eller plan, där de idéburna organisationerna "
    "särskilt nämns",
    "verksamheten bidrar till lokal utveckling och delaktighet i samhället",
    "verksamheten inte kan ses som en del av det normerade föreningsbidraget",
    "det inte finns en marknad eller en konkurrenssituation att vårda",
    "bägge parterna är med och finansierar och/eller resurssätter verksamheten",
    "verksamheten inte detaljregleras från kommunen",
    "båda parterna önskar och ser en mening i att ha ett annat avtalsförhållande eller samverkan vilket inte bygger "
    "på marknadsmekanism och kommersiell logik",
]


@pytest.fixture
def ikf(demo):
    return demo["agreements"]["ikf2023"]


@pytest.fixture
def draft(ikf):
    return drafting.draft_decision_memo(agreement=ikf, **IKF_DECISION)


def test_title_and_decision_sentence(draft):
    assert draft.title == "IOP med Internationella Kvinnoföreningen"
    assert draft.decision_points == [
        "Arbetsmarknadsnämnden uppdrar åt integration- och arbetsmarknadsdirektören att teckna idéburet offentligt "
        "partnerskap med Internationella Kvinnoföreningen i Linköping för perioden 2023-01-01 till och med 2024-12-31"
    ]
    assert draft.basis == [
        "Tjänsteskrivelse – IOP med Internationella Kvinnoföreningen, 2022-09-27",
        "Bilaga – Överenskommelse IOP Internationella Kvinnoföreningen",
    ]


def test_economic_consequences_with_the_seeds_figures_and_indexation(draft):
    assert draft.section("Ekonomiska konsekvenser").body.replace("\u00a0", " ").split("\n\n") == [
        "Det totala värdet av verksamheten inom ramarna för överenskommelsen beräknas uppgå till 900 000 kronor per "
        "år. I förslaget till beslut ersätter arbetsmarknadsnämnden IKF med 450 000 kronor per år för handledning "
        "och administration kopplat till verksamheten. IKF bidrar med lokaler och personalresurser till ett värde "
        "om minst 450 000 kronor per år.",
        "Summorna anges i 2023 års prisnivå och för varje nytt kalenderår justeras kostnaderna för pris- och "
        "löneförändring med 2 %.",
        # the whole period from the schedule (issue 24)
        "För hela perioden 2023–2024 uppgår nämndens kostnad till 450 000 + 459 000 = 909 000 kronor och "
        "verksamhetens beräknade värde till 900 000 + 918 000 = 1 818 000 kronor.",
    ]


def test_the_iop_section_lists_the_guidelines_eight_criteria(draft):
    text = draft.section("Idéburet Offentligt Partnerskap").body
    first, guideline, criteria, last = text.split("\n\n")
    assert first.startswith("Ett Idéburet Offentligt Partnerskap (IOP) är en samverkansmodell")
    assert guideline == (
        "Linköpings kommuns riktlinje för Idéburet Offentligt Partnerskap (KS2016-313) slår fast att ett IOP kan "
        "tecknas mellan ansvarig nämnd och en eller flera av civilsamhällets aktörer när"
    )
    assert criteria.split("\n") == [f"- {criterion}" for criterion in CRITERIA]
    assert last.startswith("Partnerskapet ingås genom att parterna utifrån gemensamma syftes-, mål- och")


def test_background_sentences_come_from_the_agreement(draft):
    assert draft.section("Bakgrund").body.split("\n\n") == [
        "Föreningen har ett pågående idébaserat offentligt partnerskap med arbetsmarknadsnämnden för perioden "
        "2021-01-01 till och med 2022-12-31.",
        "Den primära målgruppen för parternas samverkan är utomeuropeiskt födda kvinnor, boende i Linköping, som "
        "befinner sig i en självupplevd isolering på grund av kulturella och sociala faktorer och löper risk att "
        "fastna i ett långvarigt biståndsbehov.",
        "Överenskommelsen omfattar 60 individer per år. Anvisningen kommer att ske genom den koordinerande "
        "funktionen på Integration- och arbetsmarknadsförvaltningen, som sedan kommer att följa upp individens "
        "deltagande och progression tillsammans med insatsledare från IKF.",
        "Partnerskapet bygger på den överenskommelse som finns mellan den idéburna sektorn och Linköpings kommun, "
        "vilken omfattar principerna om integritet, dialog, långsiktighet, öppenhet och mångfald.",
    ]
    assert draft.section("Ärende").body == (
        "Insatsen omfattar gruppverksamhet med fokus på svenskaundervisning, samhällsorientering samt psykisk och "
        "fysisk hälsa samt enskilt motiverande stöd utifrån individuella behov."
    )


def test_closing_sections(draft):
    assert draft.section("Samråd").body == (
        "Överenskommelsen har tagits fram i dialog med IKF. Juridikenheten har granskat den föreslagna "
        "överenskommelsen och har inget att erinra mot den."
    )
    assert draft.section(
        "Information eller förhandling enligt lag (1976:580) om medbestämmande i arbetslivet"
    ).body == ("MBL-information eller förhandling är inte påkallad.")
    assert draft.section("Kommunala mål").body.endswith(
        "[Länk till kommunfullmäktiges övergripande mål](https://www.linkoping.se/)"
    )


def test_without_the_optional_words_the_registered_names_and_plain_sentences(ikf):
    draft = drafting.draft_decision_memo(agreement=ikf, date=date(2022, 9, 27))
    assert "partnerskap med Internationella Kvinnoföreningen för perioden" in draft.decision_points[0]
    money = draft.section("Ekonomiska konsekvenser").body.replace("\u00a0", " ")
    assert (
        "ersätter arbetsmarknadsnämnden Internationella Kvinnoföreningen med 450 000 kronor per år." in money
    )
    assert "Internationella Kvinnoföreningen bidrar till ett värde om minst 450 000 kronor per år." in money


def test_figures_follow_the_agreement(ikf):
    """A renewed agreement in 2025 prices at 2.5 %: the sentences carry its own figures."""
    ikf.value_per_year, ikf.committee_cost_per_year = Decimal("936360"), Decimal("468180")
    ikf.price_level_year, ikf.indexation_percent = 2025, Decimal("2.50")
    ikf.parties.update(in_kind_contribution=None)
    draft = drafting.draft_decision_memo(agreement=ikf, date=date(2024, 9, 1))
    money = draft.section("Ekonomiska konsekvenser").body.replace("\u00a0", " ")
    assert "beräknas uppgå till 936 360 kronor per år" in money
    assert "med 468 180 kronor per år." in money
    assert "till ett värde om minst 468 180 kronor per år." in money
    assert (
        "Summorna anges i 2025 års prisnivå och för varje nytt kalenderår justeras kostnaderna för pris- och löneförändring med 2,5 %."
        in money
    )
    assert draft.section("Bakgrund").body.startswith("Föreningen hade ett idébaserat offentligt partnerskap")
