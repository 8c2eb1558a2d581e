"""Key figures per agreement and year (cost per place and per participant, co-financing ratio,
share ended in work or studies, by gender), on the agreement page, in the memo and the XLSX."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook

from participants.models import EndReason, Gender, PlacementStatus
from participants.tests.factories import ParticipantFactory, PlacementFactory
from reports import drafting
from reports.keyfigures import build_key_figures
from reports.markup import render_text


@pytest.fixture
def hoppfull_2023(seed):
    """Hoppfull framtid 2023 (1 100 000 kr; value 2 080 500 kr): two women placed the whole year
    who ended in work and studies, one man half a year who moved away."""
    agreement = seed["hoppfull"]
    for gender, end, reason in [
        (Gender.WOMAN, date(2023, 12, 31), EndReason.WORK),
        (Gender.WOMAN, date(2023, 12, 31), EndReason.STUDIES),
        (Gender.MAN, date(2023, 7, 2), EndReason.MOVED),
    ]:
        PlacementFactory(
            agreement=agreement,
            participant=ParticipantFactory(gender=gender),
            start=date(2023, 1, 1),
            actual_end=end,
            status=PlacementStatus.ENDED,
            end_reason=reason,
        )
    return agreement


def test_the_figures_of_one_agreement(hoppfull_2023):
    one = build_key_figures([hoppfull_2023], 2023).of(hoppfull_2023)
    assert one.committee_cost == Decimal("1100000")
    assert one.placement_days == 365 + 365 + 183
    assert one.cost_per_place == Decimal("439759")  # 1 100 000 × 365 ÷ 913, half up
    # 1 100 000 ÷ 3 and 2 of 3: figures on fewer than five people are withheld (issue 21, row 12)
    assert one.cost_per_participant == one.work_or_studies_share == ".."
    assert one.co_financing_ratio == Decimal("0.89")  # 980 500 ÷ 1 100 000
    unmasked = {row["gender"]: row for row in one.gender_rows(masked=False)}
    assert (unmasked["woman"]["ended"], unmasked["woman"]["share"]) == (2, "..")
    masked = {row["gender"]: row for row in one.gender_rows(masked=True)}
    assert (masked["woman"]["ended"], masked["woman"]["share"], masked["other"]["ended"]) == ("<5", "..", 0)
    assert masked["other"]["share"] is None  # nobody ended: no share to withhold


def test_the_committees_figures_add_up_its_agreements(seed, hoppfull_2023):
    decided = [a for a in seed.values() if a.stage == a.Stage.DECIDED]
    total = build_key_figures(decided, 2023).total
    assert total.committee_cost == Decimal("3595000")
    assert total.enrolled == 3 and total.ended_in_work_or_studies == 2


def test_the_agreement_page_shows_them_masked_for_an_official(client, official, coordinator, hoppfull_2023):
    client.force_login(official)
    page = client.get(f"{hoppfull_2023.get_absolute_url()}?year=2023").content.decode().replace("\u00a0", " ")
    assert '<td class="amount" id="cost-per-place">439 759 kr</td>' in page
    assert '<td class="amount" id="co-financing">0,89</td>' in page
    assert '<td class="amount" id="work-or-studies">..</td>' in page  # 2 of 3: withheld
    assert '<td class="amount" id="utilisation">6 %</td>' in page  # 2,5 of 40 places
    assert "<5" in page.split('id="key-figures-by-gender"')[1].split("</table>")[0].replace("&lt;", "<")
    client.force_login(coordinator)
    page = client.get(f"{hoppfull_2023.get_absolute_url()}?year=2023").content.decode()
    by_gender = page.split('id="key-figures-by-gender"')[1].split("</table>")[0]
    assert ">2<" in by_gender and "100 %" not in by_gender  # the counts, but no share of two


def test_the_follow_up_memo_drafts_key_figures_and_the_gender_table(seed, hoppfull_2023):
    draft = drafting.draft_followup_memo(
        committee=hoppfull_2023.committee, report_year=2023, overview_year=2023, date=date(2024, 3, 30)
    )
    money = draft.section("Ekonomiska konsekvenser").body.replace("\u00a0", " ")
    assert (
        "| Hoppfull framtid | 2023 | 1 100 000 kr | 6 % | 439 759 kr | .. | 0,89 |\n"
        "|  | 2022 | 1 100 000 kr | 0 % | – | – | 0,89 |"
    ) in money
    assert "| Hoppfull framtid | 2023 | .. | – | – |\n|  | 2022 | – | – | – |" in money
    gender = draft.section("Jämställdhet").body
    assert "| Hoppfull framtid | Kvinna | <5 | <5 | <5 | 0 | 0 |" in gender
    # three people: no comparison of women and men, in words, and the seed's standard sentence
    assert (
        "Hoppfull framtid: 3 deltagare var inskrivna under 2023; uppdelat på kön är de för få för att redovisa."
        in gender
    )
    assert gender.endswith(
        "Jämställdhetsanalys är inte genomförd då arbetet med att säkra värdegrund, likabehandling och "
        "tillgänglighet inom verksamheten sker löpande i dialog med tredje part."
    )
    html = render_text(gender)
    assert '<table class="memo-table">' in html and "<td>&lt;5</td>" in html


def test_the_overview_spreadsheet_has_a_key_figures_sheet(client, secretary, hoppfull_2023):
    client.force_login(secretary)
    workbook = load_workbook(BytesIO(client.get("/reports/overview.xlsx?year=2023").content))
    sheet = workbook["Nyckeltal 2023"]
    rows = {row[0]: row for row in sheet.iter_rows(values_only=True)}
    assert rows["Hoppfull framtid"][1:5] == (1_100_000, 2.5, 439_759, "..")
    assert rows["Summa"][1] == 3_595_000
