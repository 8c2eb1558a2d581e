"""The memos as PDF, read back with pypdf: the seeds' text, the page header, the table, the fonts."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from pypdf import PdfReader

from reports import drafting
from reports.context import memo_context
from reports.exports import render_memo_pdf

from .pdftext import body, pages, seed_lines, squash

pytestmark = pytest.mark.django_db

# The committee's two memos are not part of the repository (docs/domain.md, Sources). Where they
# lie beside the checkout, the memos are compared with them line by line; elsewhere those two
# tests are skipped, and the figures are checked by the tests below and across reports/tests.
SEEDS = Path(settings.BASE_DIR).parent / "shared" / "seeds"
if not SEEDS.exists():  # a worktree or a CI clone keeps shared/ beside the checkout
    SEEDS = Path("/work/shared/seeds")
needs_the_memos = pytest.mark.skipif(
    not SEEDS.exists(), reason="the committee's memos are not in the repository (docs/domain.md, Sources)"
)

OVERVIEW_ROWS = [
    "Hoppfull framtid Linköpings Stadsmission delvis självständig → mycket självständig arbetslik aktivitet (40 helårsplatser) 2 080 500 kr 1 100 000 kr 23.12.31",
    "Bro-modellen Bilda, Erikshjälpen förberedande arbetsträning, delvis självständig → mycket självständig arbetslik aktivitet, kompletterande insatser (40 helårsplatser) 1 791 200 kr 1 150 000 kr 23.12.31",
    "Vi Ses! Röda Korset individer i behov av språkträning, privata näringslivet, Linköpings kommun stärka svenska språket, främja kunskap om den lokala arbetsmarknaden, bidra till inkluderande arbetsplatser 1 156 000 kr 600 000 kr 23.12.31",
    "Kompletterande språkträning Bilda, bildningsnämnden individer som pga föräldraledighet ej kan delta i SFI underlätta återgång till SFI (48 helårsplatser) 897 626 kr 295 000 kr 23.12.31",
    "Inkludering på lika villkor Internationella Kvinnoföreningen förberedande arbetsträning schemalagd aktivitet utanför hemmet; hälsa, språk, samhällskunskap 454 000 kr 230 000 kr 22.12.31",
]

# Where the draft knowingly differs from the follow-up memo (docs/domain.md) (each is explained in the report):
FOLLOWUP_DEVIATIONS = {
    # the seed's month and year are a leftover from the 2021 memo; the draft says the memo's own
    "Inom arbetsmarknadsnämnden finns i februari 2021 fem": "Inom arbetsmarknadsnämnden finns i mars 2022 fem",
    # the basis and the headings print the agreements' registered names
    "IOP Hoppfull Framtid": "IOP Hoppfull framtid",
    "IOP Bromodellen": "IOP Bro-modellen",
    "IOP kompletterande språkträning": "IOP Kompletterande språkträning",
    "IOP Inkludering på Lika Villkor": "IOP Inkludering på lika villkor",
    "Bromodellen": "Bro-modellen",
    # a stray space in the seed
    "MBL- information": "MBL-information",
    # issue 12: the gender analysis the seed did not do is drafted from the data instead
    (
        "Jämställdhetsanalys är inte genomförd då arbetet med att säkra värdegrund, likabehandling och "
        "tillgänglighet inom verksamheten sker löpande i dialog med tredje part."
    ): "Deltagare 2021 per kön och överenskommelse, enligt registrets anvisningar.",
}


@pytest.fixture
def followup_memo(followup_draft, secretary):
    followup_draft.case_number = "AN 2022-00123"
    return drafting.save_draft(followup_draft, by=secretary)


@pytest.fixture
def followup_pdf(followup_memo) -> bytes:
    return render_memo_pdf(followup_memo)


@pytest.fixture
def decision_pdf(demo) -> bytes:
    return render_memo_pdf(demo["decision_memo"])


def expected_text(line: str, deviations: dict[str, str]) -> str:
    for seed, ours in deviations.items():
        line = line.replace(seed, ours)
    return line


@needs_the_memos
def test_followup_memo_reads_like_seed_000(followup_pdf):
    text = body(followup_pdf)
    missing = [
        line
        for line in seed_lines(SEEDS / "000_d5f36cd0d53945cb.txt")
        if line != "språk- träning"  # a piece of the seed's table
        and expected_text(line, FOLLOWUP_DEVIATIONS) not in text
    ]
    assert missing == []


# Where the decision memo knowingly differs from the IKF decision memo: "Kommunala mål" is written
# from the goals the agreement is linked to (issue 24), so it names the committee's goal as
# registered, as the follow-up memo does, where the seed wrote it out in words.
DECISION_DEVIATIONS = {"mål om hög egen försörjningsgrad": "mål Hög egenförsörjningsgrad"}


@needs_the_memos
def test_decision_memo_reads_like_seed_003(decision_pdf):
    text = body(decision_pdf)
    missing = [
        line
        for line in seed_lines(SEEDS / "003_6c81d423b864408f.txt")
        if expected_text(line, DECISION_DEVIATIONS) not in text
    ]
    assert missing == []


def test_the_overview_table_has_the_five_rows_and_the_sums(followup_pdf):
    text = body(followup_pdf).replace("/- ", "/-").replace("/ ", "/")  # headings wrap after the slash
    for row in OVERVIEW_ROWS:
        assert row in text
    assert "Summa 6 379 326 kr 3 375 000 kr" in text
    assert (
        "Namn Samverkanspart/-er Kategorisering/målgrupp Verksamhetens syfte Beräknat värde/år Kostnad AN/år Giltighet"
        in text
    )
    assert "Språkvänner Röda Korset" not in text  # ended 2021: a summary, no row


def test_every_page_has_the_header_with_page_n_of_m(followup_pdf):
    texts = pages(followup_pdf)
    assert len(texts) >= 2
    for number, text in enumerate(texts, start=1):
        header = text.splitlines()[-6:]
        assert header == [
            "Linköpings kommun",
            "Integration- och arbetsmarknadsförvaltningen",
            "Tjänsteskrivelse",
            "2022-03-30",
            "Dnr AN 2022-00123",
            f"{number} ({len(texts)})",
        ]


def test_sections_follow_the_seeds_layout(followup_pdf):
    text = body(followup_pdf)
    headings = [
        "Uppföljning av arbetsmarknadsnämndens idéburna offentliga partnerskap",
        "Förslag till arbetsmarknadsnämndens beslut",
        "1. Informationen noteras.",
        "Ärende",
        "Beslutsunderlag:",
        "Bakgrund",
        "Översikt IOP inom arbetsmarknadsnämnden",
        "Sammanfattning och återrapport 2021",
        "Ekonomiska konsekvenser",
        "Kommunala mål",
        "Jämställdhet",
        "Samråd",
        "Uppföljning och utvärdering",
        "Information eller förhandling enligt lag (1976:580) om medbestämmande i arbetslivet",
        "Integration- och arbetsmarknadsförvaltningen Mikaela Schullström",
        "Beslutet skickas till: -",
    ]
    positions = [text.find(heading) for heading in headings]
    assert -1 not in positions
    assert positions == sorted(positions)


def test_the_footnote_is_at_the_foot_of_its_page(decision_pdf):
    page = next(text for text in pages(decision_pdf) if "14 procentenheter" in text)
    assert "14 procentenheter.1" in squash(page)
    assert "1 Elin Landell, Försörjning med fördröjning - En ESO rapport" in squash(page)


def test_fonts_are_embedded_and_none_come_from_the_system(decision_pdf):
    reader = PdfReader(io.BytesIO(decision_pdf))
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            fonts[re.sub(r"^/?[A-Z]{6}\+", "", font["/BaseFont"])] = "/FontFile2" in descriptor
    assert fonts and all(fonts.values())
    assert {name.split("-")[0] for name in fonts} <= {"Memo"}  # our @font-face families only


def test_the_preview_shows_the_same_content(client, secretary, followup_memo):
    client.force_login(secretary)
    html = client.get(followup_memo.get_absolute_url()).content.decode()
    context = memo_context(followup_memo)
    for section in context["sections"]:
        assert f">{section.heading}<" in html
        assert str(section.html) in html
    assert "6\u00a0379\u00a0326\u00a0kr" in html


def test_without_a_case_number_the_header_leaves_dnr_out(decision_pdf, demo, client, official):
    """The seeds give no case number: no "Dnr" line at all (issue 14), the date last before the
    page number."""
    assert demo["decision_memo"].case_number == ""
    for text in pages(decision_pdf):
        assert text.splitlines()[-2] == "2022-09-27"
        assert "Dnr" not in text
    client.force_login(official)
    preview = client.get(demo["decision_memo"].get_absolute_url()).content.decode()
    assert not re.search(r"<div>Dnr", preview)
