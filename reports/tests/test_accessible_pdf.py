"""The memo PDF is archivable and accessible (issue 14): PDF/A-3u and PDF/UA-1, tagged, read
back with pikepdf from the version a secretary exports and downloads through the real URLs."""

from __future__ import annotations

import io

import pikepdf
import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def children(node) -> list[pikepdf.Dictionary]:
    kids = node.get("/K") if isinstance(node, pikepdf.Dictionary) else None
    kids = (
        [kids]
        if isinstance(kids, pikepdf.Dictionary)
        else list(kids or [])
        if isinstance(kids, pikepdf.Array)
        else []
    )
    return [kid for kid in kids if isinstance(kid, pikepdf.Dictionary) and "/S" in kid]


def elements(node) -> list[pikepdf.Dictionary]:
    """The structure elements, depth first (the structure tree a screen reader follows)."""
    return (
        [node, *(found for kid in children(node) for found in elements(kid))]
        if "/S" in node
        else [found for kid in children(node) for found in elements(kid)]
    )


def tag(node) -> str:
    return str(node.S)[1:]


def structure(root) -> list[str]:
    return [tag(node) for node in elements(root)]


@pytest.fixture
def exported(client, secretary, followup_draft) -> pikepdf.Pdf:
    from reports import drafting

    memo = drafting.save_draft(followup_draft, by=secretary)
    client.force_login(secretary)
    assert client.post(reverse("reports:memo_export", args=[memo.pk])).status_code == 302
    response = client.get(reverse("reports:memo_version_pdf", args=[memo.pk, 1]))
    assert response.status_code == 200
    document = pikepdf.open(
        io.BytesIO(b"".join(response.streaming_content if response.streaming else [response.content]))
    )
    document.memo = memo
    return document


def test_the_memo_pdf_is_tagged_with_headings_and_table_headers(exported):
    assert exported.Root.MarkInfo.Marked is True
    tags = structure(exported.Root.StructTreeRoot)
    assert tags.count("H1") == 1
    assert tags.count("H2") >= 2  # the decision heading and the first level of sections
    assert "Table" in tags
    # the overview's first row is its seven column headings as header cells, then data cells
    table = next(node for node in elements(exported.Root.StructTreeRoot) if tag(node) == "Table")
    rows = [node for node in elements(table) if tag(node) == "TR"]
    assert [tag(cell) for cell in children(rows[0])] == ["TH"] * 7
    assert [tag(cell) for cell in children(rows[1])] == ["TD"] * 7


def test_the_memo_pdf_has_its_title_and_language(exported):
    assert str(exported.Root.Lang) == "sv"
    assert exported.Root.ViewerPreferences.DisplayDocTitle is True
    meta = exported.open_metadata()
    assert meta["dc:title"] == exported.memo.title
    assert str(exported.docinfo.Title) == exported.memo.title


def test_the_memo_pdf_says_it_is_pdf_a_3u_and_pdf_ua_1(exported):
    meta = exported.open_metadata()
    assert (meta["pdfaid:part"], meta["pdfaid:conformance"]) == ("3", "U")
    assert meta["pdfuaid:part"] == "1"
    # PDF/A admits pdfuaid only with its extension schema described in the XMP (ISO 19005-3,
    # 6.6.2.3.1), in a metadata stream that is not compressed.
    xmp = exported.Root.Metadata
    assert "/Filter" not in xmp
    described = xmp.read_bytes()
    assert b"<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>" in described
    assert b"<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>" in described
    assert described.count(b"<pdfaProperty:name>part</pdfaProperty:name>") == 1
