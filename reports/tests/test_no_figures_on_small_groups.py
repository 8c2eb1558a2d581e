"""No share, cost per participant or other derived figure on fewer than five people, on the
agreement page, in the follow-up memo (its PDF and its Word file) and in the overview workbook
(issue 21, row 12; participants.disclosure.withheld). The memo printed "Arbete eller studier
100 %" for a group whose counts it hid as "<5".

Each test runs twice: four women in Hoppfull framtid 2023 (every derived figure "..") and five
(the exact figures). All were placed the whole year and ended on 31 December, all but one in
work; the committee paid 1 100 000 kr for the year.
"""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import CommitteeMembership
from participants.models import EndReason, Gender, PlacementStatus
from participants.tests.factories import ParticipantFactory, PlacementFactory

from .pdftext import body

pytestmark = pytest.mark.django_db

# count -> (cost per participant, share in work or studies) as the memo and the page print them
FIGURES = {4: ("..", ".."), 5: ("220 000 kr", "80 %")}
# count -> the memo's rows for 2023 (year, cost, capacity used, per full-year place, per participant,
# ratio; then the share in work or studies at the end): the cost per full-year place used and the
# capacity used are figures on places, not on people, so they are always printed
MEMO_ROWS = {
    4: {
        "Hoppfull framtid": ["2023", "1 100 000 kr", "10 %", "275 000 kr", "..", "0,89"],
        "Summa": ["2023", "3 595 000 kr", "3 %", "898 750 kr", "..", "0,90"],
    },
    5: {
        "Hoppfull framtid": ["2023", "1 100 000 kr", "13 %", "220 000 kr", "220 000 kr", "0,89"],
        "Summa": ["2023", "3 595 000 kr", "4 %", "719 000 kr", "719 000 kr", "0,90"],
    },
}
# count -> the share in work or studies at the end, after 6 and after 12 months (none recorded)
RESULT_ROWS = {4: ["2023", "..", "–", "–"], 5: ["2023", "80 %", "–", "–"]}


def place_women(agreement, count: int) -> None:
    """`count` women placed in `agreement` through 2023; all but one ended in work, one moved."""
    for index in range(count):
        PlacementFactory(
            agreement=agreement,
            participant=ParticipantFactory(gender=Gender.WOMAN),
            start=date(2023, 1, 1),
            actual_end=date(2023, 12, 31),
            status=PlacementStatus.ENDED,
            end_reason=EndReason.MOVED if index == 0 else EndReason.WORK,
        )


def member(user, agreement):
    """The user works for the agreement's committee, and only needs that one."""
    CommitteeMembership.objects.get_or_create(user=user, committee=agreement.committee)
    return user


@pytest.fixture(params=[4, 5], ids=["four", "five"])
def hoppfull(request, seed):
    place_women(seed["hoppfull"], request.param)
    return seed["hoppfull"], request.param


def key_figures_section(client, agreement) -> str:
    page = client.get(f"{agreement.get_absolute_url()}?year=2023")
    assert page.status_code == 200
    html = page.content.decode().replace("\u00a0", " ")
    return html.split('id="key-figures"')[1].split("</section>")[0]


def cell(section: str, element_id: str) -> str:
    return section.split(f'id="{element_id}">')[1].split("<")[0]


def gender_row(section: str, label: str) -> list[str]:
    row = section.split(f"<td>{label}</td>")[1].split("</tr>")[0]
    return [part.split(">")[-1] for part in row.split("</td>")[:-1]]


@pytest.mark.parametrize("role", ["official", "coordinator"])
def test_the_agreement_page(client, hoppfull, role, request):
    """An official sees counts masked, a coordinator sees them all: neither gets a derived figure
    on four people. With five, the coordinator sees the women's 80 %; the official does not, as
    it would give back the count of four in work that the page hides as "<5"."""
    agreement, count = hoppfull
    client.force_login(member(request.getfixturevalue(role), agreement))
    section = key_figures_section(client, agreement)
    per_participant, share = FIGURES[count]
    assert cell(section, "cost-per-participant") == per_participant
    assert cell(section, "work-or-studies") == share
    women = gender_row(section, "Kvinna")[:4]  # then the shares after 6 and 12 months: none recorded
    if role == "coordinator":
        assert women == [str(count), str(count), str(count - 1), share]
    else:
        assert women == (["&lt;5"] * 3 + [".."] if count == 4 else ["5", "5", "&lt;5", ".."])
    assert "100 %" not in section and "75 %" not in section
    assert "275 000 kr" not in cell(section, "cost-per-participant")


def drafted_memo(client, secretary, agreement) -> int:
    client.force_login(member(secretary, agreement))
    response = client.post(
        reverse("reports:draft_followup_memo"),
        {
            "committee": agreement.committee_id,
            "report_year": 2023,
            "overview_year": 2023,
            "date": "2024-03-30",
            "case_number": "",
        },
    )
    assert response.status_code == 302
    return int(response["Location"].rstrip("/").split("/")[-2])


def test_the_memo_pdf(client, secretary, hoppfull):
    """The figures the memo drafts under "Ekonomiska konsekvenser" and "Jämställdhet", read back
    from the exported PDF as a reader would."""
    agreement, count = hoppfull
    memo = drafted_memo(client, secretary, agreement)
    client.post(reverse("reports:memo_export", args=[memo]))
    pdf = client.get(reverse("reports:memo_version_pdf", args=[memo, 1]))
    assert pdf.status_code == 200
    text = body(pdf.content)
    for name, cells in MEMO_ROWS[count].items():
        assert " ".join([name, *cells]) in text
    assert " ".join(["Hoppfull framtid", *RESULT_ROWS[count]]) in text
    enrolled = (
        "4 deltagare var inskrivna under 2023; uppdelat på kön är de för få för att redovisa."
        if count == 4
        else "5 kvinnor och inga män var inskrivna under 2023."
    )
    assert f"Hoppfull framtid: {enrolled}" in text
    # four ended, or five of whom four (shown as <5) went to work: no share by gender either way
    assert (
        "Hur många kvinnor och män som gick vidare till arbete eller studier är för få för att redovisa."
        in text
    )
    assert "av kvinnorna" not in text
    assert " 100 %" not in text and " 75 %" not in text


def test_the_memo_as_word(client, secretary, hoppfull):
    from docx import Document

    agreement, count = hoppfull
    memo = drafted_memo(client, secretary, agreement)
    response = client.get(reverse("reports:memo_docx", args=[memo]))
    assert response.status_code == 200
    document = Document(io.BytesIO(response.content))
    (table,) = [t for t in document.tables if t.rows[0].cells[2].text == "Nämndens kostnad"]
    rows = {row.cells[0].text: [c.text.replace("\u00a0", " ") for c in row.cells] for row in table.rows}
    assert {name: rows[name][1:] for name in MEMO_ROWS[count]} == MEMO_ROWS[count]


@pytest.mark.parametrize("role", ["secretary", "coordinator"])
def test_the_overview_workbook(client, hoppfull, role, request):
    agreement, count = hoppfull
    client.force_login(member(request.getfixturevalue(role), agreement))
    workbook = load_workbook(io.BytesIO(client.get("/reports/overview.xlsx?year=2023").content))
    sheet = workbook["Nyckeltal 2023"]
    head, *lines = sheet.iter_rows(values_only=True)
    row = dict(zip(head, next(line for line in lines if line[0] == "Hoppfull framtid"), strict=True))
    expected = {4: ("..", "..", ".."), 5: (220_000, 80, "..")}[count]
    assert (
        row["Kostnad per deltagare"],
        row["Andel avslutade till arbete eller studier (%)"],
        row["Arbete eller studier, kvinna (%)"],
    ) == expected
