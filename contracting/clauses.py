"""The agreement document's clauses and their placeholders (issue 23, "The agreement document").

A clause's text is plain text with paragraphs separated by a blank line and `{name}` placeholders
filled from the registry when a version is made: so a draft follows the agreement's amounts and
dates until the committee decides it. Two placeholders stand alone on their line and become
tables: `{amounts}` (each year's indexed amounts, partnerships/indexation.py) and
`{payment_plan}` (the instalments, payments/plans.py). Pure functions, no database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext_lazy as _


class Clause(models.TextChoices):
    """The clauses in the order the document prints them."""

    BACKGROUND = "background", _("Background")
    VALUES = "values", _("Values and the partnership's principles")
    PARTIES = "parties", _("The parties")
    ORGANISATION = "organisation", _("The partnership's organisation")
    GOALS = "goals", _("Goals and target group")
    COMMITMENTS = "commitments", _("The parties' commitments")
    FOLLOW_UP = "follow_up", _("Follow-up and reporting")
    FINANCES = "finances", _("Finances")
    TERM = "term", _("Term and notice")
    CHANGES = "changes", _("Changes, renegotiation and termination")
    DISPUTES = "disputes", _("Disputes")
    PERSONAL_DATA = "personal_data", _("Personal data")


ORDER = {key: index for index, key in enumerate(Clause.values)}

# Placeholders that become a table when alone on their line.
TABLES = ("amounts", "payment_plan")

# Every placeholder a clause may use, with what it is filled with (shown beside the editor).
PLACEHOLDERS: dict[str, str] = {
    "municipality": _("the municipality"),
    "committee": _("the committee"),
    "administration": _("the administration"),
    "agreement_name": _("the partnership's name"),
    "partners": _("the partners, with organisation numbers"),
    "purpose": _("the purpose of the activity"),
    "target_group": _("the target group"),
    "capacity": _("the capacity"),
    "valid_from": _("first day"),
    "valid_to": _("last day"),
    "value_per_year": _("calculated value per year"),
    "committee_cost_per_year": _("committee cost per year"),
    "partner_contribution_per_year": _("the partners' contribution per year"),
    "price_level_year": _("price level year"),
    "indexation_percent": _("yearly indexation in per cent"),
    "follow_up_due": _("the yearly follow-up's due date"),
    "case_number": _("case number (Dnr)"),
    "signatory": _("who signs for the partners (the signatory contact, issue 26)"),
    "amounts": _("table: each year's amounts"),
    "payment_plan": _("table: the payment plan"),
}

PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def unknown_placeholders(text: str) -> list[str]:
    """The `{name}`s in `text` that are no placeholder (a typo the editor is told about)."""
    return sorted({name for name in PLACEHOLDER.findall(text) if name not in PLACEHOLDERS})


@dataclass(frozen=True)
class Table:
    headings: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...] = ()

    def as_text(self) -> str:
        return "\n".join(" | ".join(row) for row in (self.headings, *self.rows))

    def marked_rows(self) -> list[list[tuple[str, bool]]]:
        """Each row's cells with whether they are amounts (right-aligned in print)."""
        numeric = self.numeric or (False,) * len(self.headings)
        return [list(zip(row, numeric, strict=True)) for row in self.rows]


@dataclass(frozen=True)
class Block:
    """A paragraph (`text`) or a table."""

    text: str = ""
    table: Table | None = None

    def as_text(self) -> str:
        return self.table.as_text() if self.table else self.text


@dataclass(frozen=True)
class FilledClause:
    clause: str
    title: str
    blocks: tuple[Block, ...] = field(default_factory=tuple)

    def as_text(self) -> str:
        return "\n\n".join([self.title, *(block.as_text() for block in self.blocks)])


def fill(text: str, values: dict[str, str], tables: dict[str, Table]) -> tuple[Block, ...]:
    """`text` as blocks: paragraphs with their placeholders filled, and the table placeholders
    that stand alone on a line as tables. An unknown `{name}` is left as written."""
    blocks: list[Block] = []
    for paragraph in re.split(r"\n\s*\n", text.strip()):
        lines: list[str] = []
        for line in paragraph.splitlines():
            alone = PLACEHOLDER.fullmatch(line.strip())
            if alone and alone.group(1) in tables:
                if lines:
                    blocks.append(Block(text="\n".join(lines)))
                    lines = []
                blocks.append(Block(table=tables[alone.group(1)]))
                continue
            lines.append(PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), line.strip()))
        if lines:
            blocks.append(Block(text="\n".join(lines)))
    return tuple(blocks)


def document_text(title: str, clauses: list[FilledClause]) -> str:
    """The whole document as text, numbered as printed: what a version's difference compares."""
    parts = [title]
    for number, clause in enumerate(clauses, start=1):
        parts.append(f"{number}. {clause.as_text()}")
    return "\n\n".join(parts) + "\n"
