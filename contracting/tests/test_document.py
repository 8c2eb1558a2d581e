"""The agreement document from the registry (issue 23): the clauses filled with the seed's IKF
agreement, the PDF/A (tagged, PDF/UA-marked) and the Word file."""

from __future__ import annotations

import io
from decimal import Decimal

import pikepdf
import pytest

from contracting import document as builder
from contracting.clauses import Clause
from contracting.models import ClauseTemplate
from payments import services as payments_services


@pytest.fixture
def ikf(seed):
    return seed["ikf2023"]


def test_a_new_document_has_every_default_clause_in_order(ikf):
    clauses = builder.template_clauses(ikf)
    assert [clause["clause"] for clause in clauses] == list(Clause.values)
    assert clauses[0]["title"] == "Bakgrund"


def test_a_committee_overrides_one_clause_and_keeps_the_defaults(ikf, seed):
    ClauseTemplate.objects.create(
        committee=ikf.committee, clause="disputes", revision=1, title="Tvist", body="Egen."
    )
    ClauseTemplate.objects.create(
        committee=None, clause="background", revision=2, title="Bakgrund", body="Ny."
    )
    current = ClauseTemplate.objects.current_for(ikf.committee)
    assert current["disputes"].body == "Egen."
    assert current["background"].body == "Ny."  # the default's newest version
    assert current["values"].committee is None
    ClauseTemplate.objects.create(
        committee=None, clause="disputes", revision=2, title="Tvist", body="Default v2."
    )
    assert ClauseTemplate.objects.current_for(ikf.committee)["disputes"].body == "Egen."


def test_the_finances_clause_prints_each_years_indexed_amounts_and_the_payment_plan(ikf, official):
    """docs/domain.md: 900 000 / 450 000 kr in 2023 prices, +2 %: 918 000 / 459 000 kr in 2024;
    quarterly 4 × 114 750 = 459 000 kr."""
    payments_services.set_up_plan(agreement=ikf, frequency=4, by=official)
    context = builder.document_context(ikf, builder.template_clauses(ikf))
    finances = next(clause for clause in context["clauses"] if clause.clause == "finances")
    amounts, plan = [block.table for block in finances.blocks if block.table]
    nbsp = "\u00a0"
    assert amounts.rows == (
        ("2023", f"900{nbsp}000{nbsp}kr", f"450{nbsp}000{nbsp}kr", f"450{nbsp}000{nbsp}kr"),
        ("2024", f"918{nbsp}000{nbsp}kr", f"459{nbsp}000{nbsp}kr", f"459{nbsp}000{nbsp}kr"),
    )
    assert [row for row in plan.rows if row[0] == "2024"] == [
        ("2024", due, f"114{nbsp}750{nbsp}kr")
        for due in ("2024-01-01", "2024-04-01", "2024-07-01", "2024-10-01")
    ]
    text = finances.as_text()
    assert f"900{nbsp}000{nbsp}kr per år, varav {ikf.committee.name} bidrar med 450{nbsp}000{nbsp}kr" in text
    assert "2023 års prisnivå" in text and "med 2 procent" in text
    assert "{" not in context["text"]  # every placeholder filled


def test_without_a_plan_the_document_prints_what_payments_would_plan(ikf):
    assert not ikf.instalments.exists()
    table = builder.payment_plan_table(ikf)
    assert sum(Decimal(row[2].replace("\u00a0", "").removesuffix("kr")) for row in table.rows) == Decimal(
        909000
    )


def test_the_pdf_is_tagged_pdf_a_in_swedish_and_the_word_file_holds_the_same_text(ikf):
    context = builder.document_context(ikf, builder.template_clauses(ikf), number=1)
    pdf = builder.render_pdf(context)
    with pikepdf.open(io.BytesIO(pdf)) as document:
        assert "/StructTreeRoot" in document.Root
        assert str(document.Root.Lang) == "sv"
        meta = document.open_metadata()
        assert meta["pdfaid:part"] == "3" and meta["pdfuaid:part"] == "1"
    from docx import Document

    word = Document(io.BytesIO(builder.render_docx(context)))
    paragraphs = "\n".join(paragraph.text for paragraph in word.paragraphs)
    assert "12. Personuppgifter" in paragraphs
    assert "personuppgiftsbiträdesavtal" in paragraphs
    cells = {cell.text for table in word.tables for row in table.rows for cell in row.cells}
    assert "918\u00a0000\u00a0kr" in cells


def test_a_template_saved_in_the_admin_is_the_next_version(client, administrator, ikf):
    from django.urls import reverse

    from conftest import form_data

    default = ClauseTemplate.objects.get(committee=None, clause="disputes")
    client.force_login(administrator)
    url = reverse("admin:contracting_clausetemplate_change", args=[default.pk])
    data = {**form_data(client.get(url)), "body": "Tvist avgörs av Linköpings tingsrätt."}
    assert client.post(url, data).status_code == 302
    assert list(
        ClauseTemplate.objects.filter(committee=None, clause="disputes").values_list("revision", "body")
    ) == [
        (1, default.body),
        (2, "Tvist avgörs av Linköpings tingsrätt."),
    ]
    assert ClauseTemplate.objects.current_for(ikf.committee)["disputes"].revision == 2


def test_the_parties_clause_names_the_partners_signatory(ikf):
    """Issue 26: the agreement document names who signs for the partner (its signatory contact);
    a dash until one is registered."""
    from partnerships.models import ContactRole, PartnerContact

    def parties_text():
        context = builder.document_context(ikf, builder.template_clauses(ikf))
        clause = next(clause for clause in context["clauses"] if clause.clause == "parties")
        return " ".join(block.text for block in clause.blocks if getattr(block, "text", None))

    partner = ikf.parties.get().partner
    PartnerContact.objects.filter(partner=partner, role=ContactRole.SIGNATORY).delete()
    assert "undertecknas för samverkansparten av –." in parties_text()
    PartnerContact.objects.create(partner=partner, role=ContactRole.SIGNATORY, name="Amira Exempel")
    assert f"undertecknas för samverkansparten av Amira Exempel ({partner.name})." in parties_text()
