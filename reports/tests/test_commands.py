"""The command line: the follow-up memo and any memo as PDF, for automation."""

import hashlib

import pytest
from django.core.management import CommandError, call_command

from reports.exports import export_memo
from reports.models import Memo, MemoVersion

from .pdftext import body, pages
from .test_memo_pdf import OVERVIEW_ROWS

pytestmark = pytest.mark.django_db


def test_followup_memo_writes_the_pdf_and_stores_nothing(demo, tmp_path):
    out = tmp_path / "uppfoljning.pdf"
    before = Memo.objects.count()
    call_command(
        "followup_memo",
        "--report-year",
        "2021",
        "--overview-year",
        "2022",
        "-o",
        str(out),
        "--date",
        "2022-03-30",
    )
    text = body(out.read_bytes()).replace("/- ", "/-").replace("/ ", "/")
    assert text.startswith("Uppföljning av arbetsmarknadsnämndens idéburna offentliga partnerskap")
    for row in OVERVIEW_ROWS:
        assert row in text
    assert "Summa 6 379 326 kr 3 375 000 kr" in text
    assert "2022-03-30" in pages(out.read_bytes())[0]
    assert Memo.objects.count() == before


def test_followup_memo_save_keeps_the_memo_and_version_1(demo, tmp_path):
    out = tmp_path / "uppfoljning.pdf"
    call_command(
        "followup_memo", "--report-year", "2021", "--overview-year", "2022", "-o", str(out), "--save"
    )
    memo = Memo.objects.get(kind=Memo.Kind.FOLLOW_UP)
    version = memo.versions.get()
    assert version.number == 1
    assert hashlib.sha256(out.read_bytes()).hexdigest() == version.sha256


def test_followup_memo_needs_a_known_committee(demo, tmp_path):
    with pytest.raises(CommandError):
        call_command(
            "followup_memo",
            "--report-year",
            "2021",
            "--overview-year",
            "2022",
            "-o",
            str(tmp_path / "x.pdf"),
            "--committee",
            "KS",
        )


def test_memo_pdf_renders_the_memo(demo, tmp_path):
    memo = demo["decision_memo"]
    out = tmp_path / "ikf.pdf"
    call_command("memo_pdf", str(memo.pk), "-o", str(out))
    assert "900 000 kronor per år" in body(out.read_bytes())
    assert not MemoVersion.objects.exists()
    call_command("memo_pdf", str(memo.pk), "-o", str(out), "--store")
    assert memo.versions.count() == 1


def test_memo_pdf_writes_a_stored_version_byte_for_byte(demo, tmp_path, secretary):
    version = export_memo(memo=demo["decision_memo"], by=secretary)
    out = tmp_path / "v1.pdf"
    call_command("memo_pdf", str(version.memo_id), "-o", str(out), "--stored-version", "1")
    assert out.read_bytes() == bytes(version.pdf)
    with pytest.raises(CommandError):
        call_command("memo_pdf", str(version.memo_id), "-o", str(out), "--stored-version", "2")
    with pytest.raises(CommandError):
        call_command("memo_pdf", "999999", "-o", str(out))
