"""The agreement document built from the registry: one context, read by the PDF, the Word file
and the version's text (issue 23). `document_context` needs no rendering, so tests read it.

The clauses are the ones given (a version's, or the current templates'); their placeholders are
filled from the agreement as it is now: parties, period, each year's indexed amounts
(`Agreement.schedule()`, partnerships/indexation.py) and the payment plan (the agreement's
instalments, else what payments would plan for it).
"""

from __future__ import annotations

import hashlib
import io
from decimal import Decimal

from django.conf import settings
from django.utils import formats
from django.utils.translation import gettext as _

from core.formatting import format_kr
from partnerships.models import Agreement
from payments import services as payments_services
from reports import pdf as pdf_helper

from .clauses import Block, Clause, FilledClause, Table, document_text, fill


def amounts_table(agreement: Agreement) -> Table:
    rows = tuple(
        (
            str(year.year),
            format_kr(year.value),
            format_kr(year.committee_cost),
            format_kr(year.partner_contribution),
        )
        for year in agreement.schedule()
    )
    return Table(
        headings=(_("Year"), _("Calculated value"), _("Committee cost"), _("Partners' contribution")),
        rows=rows,
        numeric=(False, True, True, True),
    )


def payment_plan_table(agreement: Agreement) -> Table:
    instalments = list(agreement.instalments.order_by("year", "number"))
    if not instalments:
        frequency = payments_services.proposed_frequency(agreement)
        instalments = payments_services.expected(agreement, frequency)
    rows = tuple((str(item.year), f"{item.due_on:%Y-%m-%d}", format_kr(item.amount)) for item in instalments)
    return Table(headings=(_("Year"), _("Due"), _("Amount")), rows=rows, numeric=(False, False, True))


def _signatory(agreement) -> str:
    """The partners' signatory (firmatecknare) by name and organisation, from the partner's
    contacts (`Agreement.signatory_contact`, issue 26), or a dash where none is registered."""
    contact = agreement.signatory_contact()
    return f"{contact.name} ({contact.partner.name})" if contact else "–"


def placeholder_values(agreement: Agreement) -> dict[str, str]:
    committee = agreement.committee
    parties = list(agreement.parties.select_related("partner").order_by("order", "pk"))
    partners = ", ".join(
        f"{party.partner.name} ({party.partner.organisation_number})"
        if party.partner.organisation_number
        else party.partner.name
        for party in parties
    )
    due = committee.follow_up_deadline(agreement.valid_from.year)
    return {
        "municipality": settings.MUNICIPALITY_NAME,
        "committee": committee.name,
        "administration": committee.administration,
        "agreement_name": agreement.name,
        "partners": partners,
        "purpose": agreement.purpose,
        "target_group": agreement.target_group or agreement.categorisation,
        "capacity": agreement.capacity_display,
        "valid_from": f"{agreement.valid_from:%Y-%m-%d}",
        "valid_to": f"{agreement.valid_to:%Y-%m-%d}",
        "value_per_year": format_kr(agreement.value_per_year),
        "committee_cost_per_year": format_kr(agreement.committee_cost_per_year),
        "partner_contribution_per_year": format_kr(agreement.partner_contribution_per_year),
        "price_level_year": str(agreement.price_level_year),
        "indexation_percent": formats.number_format(Decimal(agreement.indexation_percent).normalize()),
        "follow_up_due": formats.date_format(due, "j F"),
        "case_number": agreement.case_number or "–",
        "signatory": _signatory(agreement),
    }


def template_clauses(agreement: Agreement) -> list[dict]:
    """The clauses a new document starts from: the committee's current templates."""
    from .models import ClauseTemplate

    return [
        {"clause": key, "title": template.title, "body": template.body, "template": template.pk}
        for key, template in ClauseTemplate.objects.current_for(agreement.committee).items()
    ]


def document_context(agreement: Agreement, clauses: list[dict], *, number: int | None = None) -> dict:
    """Everything the document prints. `clauses`: [{clause, title, body}] in order."""
    values = placeholder_values(agreement)
    tables = {"amounts": amounts_table(agreement), "payment_plan": payment_plan_table(agreement)}
    filled = [
        FilledClause(clause=item["clause"], title=item["title"], blocks=fill(item["body"], values, tables))
        for item in clauses
    ]
    title = _("Agreement on an idea-based public partnership: %(name)s") % {"name": agreement.name}
    parties = [settings.MUNICIPALITY_NAME + ", " + agreement.committee.name] + [
        party.partner.name for party in agreement.parties.select_related("partner").order_by("order", "pk")
    ]
    return {
        "agreement": agreement,
        "title": title,
        "municipality": settings.MUNICIPALITY_NAME,
        "administration": agreement.committee.administration,
        "number": number,
        "clauses": filled,
        "parties": parties,
        "text": document_text(title, filled),
        "clause_labels": dict(Clause.choices),
    }


def content_of(context: dict) -> dict:
    """What a version prints, as JSON: kept with the version so its Word file is made from the
    same filled text as its PDF, whatever the registry says later."""
    return {
        "title": context["title"],
        "parties": context["parties"],
        "clauses": [
            {
                "clause": clause.clause,
                "title": clause.title,
                "blocks": [
                    {
                        "table": {
                            "headings": list(b.table.headings),
                            "rows": [list(r) for r in b.table.rows],
                            "numeric": list(b.table.numeric),
                        }
                    }
                    if b.table
                    else {"text": b.text}
                    for b in clause.blocks
                ],
            }
            for clause in context["clauses"]
        ],
    }


def context_from_content(agreement: Agreement, content: dict, *, number: int) -> dict:
    """The context `content_of` kept, for the Word file of a stored version."""
    clauses = [
        FilledClause(
            clause=item["clause"],
            title=item["title"],
            blocks=tuple(
                Block(
                    table=Table(
                        headings=tuple(block["table"]["headings"]),
                        rows=tuple(tuple(row) for row in block["table"]["rows"]),
                        numeric=tuple(block["table"]["numeric"]),
                    )
                )
                if "table" in block
                else Block(text=block["text"])
                for block in item["blocks"]
            ),
        )
        for item in content["clauses"]
    ]
    return {
        "agreement": agreement,
        "title": content["title"],
        "municipality": settings.MUNICIPALITY_NAME,
        "administration": agreement.committee.administration,
        "number": number,
        "clauses": clauses,
        "parties": content["parties"],
    }


def render_pdf(context: dict) -> bytes:
    """PDF/A-3u, tagged and marked PDF/UA, through the memos' one helper (reports/pdf.py)."""
    return pdf_helper.render_pdf("contracting/pdf/agreement.html", context)


def render_docx(context: dict) -> bytes:
    """The same document as .docx (python-docx, as reports/word.py writes the memos)."""
    from docx import Document
    from docx.shared import Pt

    document = Document()
    document.styles["Normal"].font.name = "Carlito"
    document.styles["Normal"].font.size = Pt(11.5)
    document.core_properties.title = context["title"]
    document.core_properties.author = context["municipality"]
    document.core_properties.language = "sv-SE"
    document.add_heading(context["title"], level=1)
    if context["number"]:
        document.add_paragraph(_("Version %(number)s") % {"number": context["number"]})
    for number, clause in enumerate(context["clauses"], start=1):
        document.add_heading(f"{number}. {clause.title}", level=2)
        for block in clause.blocks:
            if block.table is None:
                paragraph = document.add_paragraph()
                for index, line in enumerate(block.text.split("\n")):
                    if index:
                        paragraph.add_run().add_break()
                    paragraph.add_run(line)
                continue
            table = document.add_table(rows=0, cols=len(block.table.headings))
            table.style = "Table Grid"
            for row_index, cells in enumerate((block.table.headings, *block.table.rows)):
                row = table.add_row()
                for cell, text in zip(row.cells, cells, strict=True):
                    cell.text = ""
                    cell.paragraphs[0].add_run(text).bold = row_index == 0
    document.add_heading(_("Signatures"), level=2)
    for party in context["parties"]:
        document.add_paragraph(party)
        document.add_paragraph(_("Place and date") + ": ____________________")
        document.add_paragraph(_("Signature") + ": ____________________")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
