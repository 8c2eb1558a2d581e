"""Memos and the overview carry aggregates only (issue 4): after loading the whole demo, with its
150 fictitious participants, neither memo's PDF nor the overview XLSX holds a participant's name
or personnummer."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from participants.models import Participant
from partnerships.models import Agreement, Committee
from reports import drafting, xlsx
from reports.exports import render_memo_pdf
from reports.models import Memo
from tests.demo_data import load_once

from .pdftext import pages, squash

pytestmark = pytest.mark.django_db

# Anything shaped like a personnummer or samordningsnummer: 12 digits, YYYYMMDD-NNNN, YYMMDD-NNNN
# (or +NNNN for the over-100s).
PERSONNUMMER_SHAPED = re.compile(r"(?<!\d)(\d{12}|\d{8}[-+]\d{4}|\d{6}[-+]\d{4})(?!\d)")


def personal_data(participants) -> list[str]:
    """Every participant's first name + last name, and personnummer in the ways it is written."""
    found = []
    for participant in participants:
        found += [
            f"{participant.first_name} {participant.last_name}",
            f"{participant.last_name}, {participant.first_name}",
        ]
        if digits := participant.personnummer:  # an anonymised participant has none left
            found += [digits, f"{digits[:8]}-{digits[8:]}", f"{digits[2:8]}-{digits[8:]}"]
    return found


@pytest.fixture
def demo_loaded(settings, request):
    settings.DEBUG = False
    # once per session (tests/demo_data.py)
    load_once(request, "load_demo", lambda: call_command("load_demo", stdout=io.StringIO()))
    return list(Participant.objects.all())


@pytest.fixture
def documents(demo_loaded, secretary) -> dict[str, str]:
    """The text a reader gets from each document."""
    committee = Committee.objects.get(abbreviation="AN")
    followup_memo = drafting.save_draft(
        drafting.draft_followup_memo(
            committee=committee, report_year=2021, overview_year=2022, date=date(2022, 3, 30)
        ),
        by=secretary,
    )
    decision_memo = Memo.objects.get(kind=Memo.Kind.NEW_AGREEMENT)
    workbook = load_workbook(
        io.BytesIO(xlsx.overview_export(Agreement.objects.all(), year=2022, committee=committee))
    )
    cells = [
        str(value)
        for row in workbook.active.iter_rows(values_only=True)
        for value in row
        if value is not None
    ]
    return {
        "follow-up memo 2021/2022": squash("\n".join(pages(render_memo_pdf(followup_memo)))),
        "IKF decision memo": squash("\n".join(pages(render_memo_pdf(decision_memo)))),
        "overview 2022 XLSX": " | ".join(cells),
    }


def test_the_demo_has_the_people_to_look_for(demo_loaded):
    # the seed's 150 and today's three fictitious participants (dashboard/demo.py)
    assert len([p for p in demo_loaded if p.needs != "FIKTIV demoperson"]) == 150
    assert all(len(participant.personnummer) == 12 for participant in demo_loaded)


def test_no_memo_or_overview_names_a_participant_or_holds_a_personnummer(documents, demo_loaded):
    # the documents are the real ones, read back
    assert "Sammanfattning och återrapport 2021" in documents["follow-up memo 2021/2022"]
    assert "Internationella Kvinnoföreningen i Linköping" in documents["IKF decision memo"]
    assert "Hoppfull framtid" in documents["overview 2022 XLSX"]
    forbidden = personal_data(demo_loaded)
    leaks = {
        name: [item for item in forbidden if item in text] + PERSONNUMMER_SHAPED.findall(text)
        for name, text in documents.items()
    }
    assert leaks == {name: [] for name in documents}
