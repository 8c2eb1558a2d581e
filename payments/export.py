"""The payment plans for the finance system: one row per instalment, as XLSX or CSV.

Free text (agreement names, references, reasons) is typed by users: a cell that begins with
"=", "+", "-", "@" or a tab would be read as a formula by a spreadsheet. XLSX cells are written
as plain strings with the quote prefix (as reports/xlsx.py's `as_text`); CSV text that begins
with one of those characters gets a leading apostrophe (OWASP's CSV-injection advice), so a
spreadsheet shows the text and never evaluates it.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from core.exports import csv_bytes, xlsx_bytes


def headings() -> list[str]:
    return [
        _("Committee"),
        _("Agreement"),
        _("Case number (Dnr)"),
        _("Partner(s)"),
        _("Year"),
        _("Instalment"),
        _("Due"),
        _("Planned amount"),
        _("Status"),
        _("Paid on"),
        _("Amount paid"),
        _("Reference"),
        _("Reason withheld"),
        _("Pay to"),
    ]


def pay_to(agreement) -> str:
    """Where the finance system pays the instalment: the lead partner's bankgiro, plusgiro or
    IBAN (issue 26, `Partner.payment_account`), else the first party's that has one."""
    parties = sorted(agreement.parties.all(), key=lambda party: (party.role != "lead", party.order, party.pk))
    return next((party.partner.payment_account for party in parties if party.partner.payment_account), "")


def rows(instalments) -> list[list]:
    """One list per instalment (select_related agreement and committee; partners prefetched)."""
    out = []
    for instalment in instalments:
        agreement = instalment.agreement
        out.append(
            [
                agreement.committee.name,
                agreement.name,
                agreement.case_number,
                ", ".join(party.partner.name for party in agreement.parties.all()),
                instalment.year,
                instalment.number,
                instalment.due_on,
                int(instalment.amount),
                str(instalment.get_status_display()),
                instalment.paid_on,
                None if instalment.paid_amount is None else int(instalment.paid_amount),
                instalment.reference,
                instalment.withheld_reason,
                pay_to(agreement),
            ]
        )
    return out


def as_csv(instalments) -> bytes:
    """Semicolon-separated UTF-8 with a BOM, formula text inert (core/exports.py)."""
    return csv_bytes(headings(), rows(instalments))


def as_xlsx(instalments) -> bytes:
    """One sheet, amounts in kronor, dates as dates, text never a formula (core/exports.py)."""
    return xlsx_bytes(_("Payment plans"), headings(), rows(instalments), kronor_columns=(7, 10))
