"""The Dnr (diarienummer) on agreements, amendments and memos: permissive, as case systems write
it differently, but never a sentence (core/case_numbers.py, issue 23)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from conftest import form_data
from core.case_numbers import is_case_number, validate_case_number
from reports.models import Memo


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("AN 2023-123", True),
        ("AN-2023-001", True),
        ("AN 2024/123", True),
        ("KS2016-313", True),
        ("IAF 2022.0456", True),
        ("FIKTIV-DEMO", True),  # the demo's renewals (dashboard/demo.py)
        ("BEN 2020-0001", True),
        ("SN 2024:12", True),
        ("Å 2024_1", True),
        ("se bilaga, beslut 3 maj", False),
        ("AN  2023-1", False),
        ("AN 2023-1 ", False),
        (" AN 2023-1", False),
        ("AN 2023-1\nX", False),
        ("AN 2023--1", False),
        ("<script>", False),
        ("A" * 40, True),
        ("A" * 41, False),
    ],
)
def test_the_shape_of_a_case_number(value, ok):
    assert is_case_number(value) is ok


def test_empty_is_allowed_and_a_sentence_refused():
    validate_case_number("")
    with pytest.raises(ValidationError):
        validate_case_number("se bilaga, s. 3")


def test_the_memo_editor_refuses_a_sentence_as_dnr(client, secretary, seed):
    memo = Memo.objects.create(
        title="M", date=date(2024, 3, 1), committee=seed["ikf2023"].committee, administration="F"
    )
    client.force_login(secretary)
    url = reverse("reports:memo_edit", args=[memo.pk])
    response = client.post(url, {**form_data(client.get(url)), "case_number": "se bilaga, beslut"})
    assert response.status_code == 200
    assert "diarienumret som ärendesystemet skriver det" in response.content.decode()
    assert client.post(url, {**form_data(client.get(url)), "case_number": "AN 2024-17"}).status_code == 302
    memo.refresh_from_db()
    assert memo.case_number == "AN 2024-17"


def test_the_agreement_form_refuses_a_sentence_as_dnr(client, official, seed):
    agreement = seed["ikf2023"]
    client.force_login(official)
    url = reverse("partnerships:agreement_edit", args=[agreement.pk])
    response = client.post(url, {**form_data(client.get(url)), "case_number": "ring Eva!"})
    assert "diarienumret som ärendesystemet skriver det" in response.content.decode()
    agreement.refresh_from_db()
    assert agreement.case_number != "ring Eva!"
