"""The overview table as XLSX: the same rows, amounts as numbers with a thousands format."""
import io
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
        "Namn", "Samverkanspart/-er", "Kategorisering/målgrupp", "Verksamhetens syfte", "Beräknat värde/år",
        "Kostnad AN/år", "Giltighet",
    )
    assert [(r[0], r[1], r[4], r[5], r[6]) for r in rows[1:6]] == [
        ("Hoppfull framtid", "Linköpings Stadsmission", 2080500, 1100000, datetime(2023, 12, 31)),
        ("Bro-modellen", "Bilda, Erikshjälpen", 1791200, 1150000, datetime(2023, 12, 31)),
        ("Vi Ses!", "Röda Korset", 1156000, 600000, datetime(2023, 12, 31)),
        ("Kompletterande språkträning", "Bilda, bildningsnämnden", 897626, 295000, datetime(2023, 12, 31)),
        ("Inkludering på lika villkor", "Internationella Kvinnoföreningen", 454000, 230000, datetime(2022, 12, 31)),
    ]
    assert rows[6][0] == "Summa"
    assert (rows[6][4], rows[6][5]) == (6379326, 3375000)
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
