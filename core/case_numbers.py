"""The case system's number (diarienummer, Dnr) on agreements, amendments and memos (issue 23).

Municipalities write it differently: "AN 2023-123", "AN-2023-001", "AN 2024/123", "KS2016-313",
"IAF 2022.0456", "FIKTIV-DEMO" in the demo. So the check is permissive: letters (å, ä, ö too),
digits, single spaces and the separators - / . : _, beginning and ending with a letter or a digit.
What it refuses is what cannot be a case number: a sentence ("se bilaga, beslut 3 maj"), other
characters, line breaks, which the case system (Public 360, Ciceron) could not match.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_LENGTH = 40
_WORD = r"[0-9A-Za-zÅÄÖÉÜåäöéü]"
_SHAPE = re.compile(rf"{_WORD}(?:[ .:/_-]?{_WORD})*")


def is_case_number(value: str) -> bool:
    """Whether `value` has the shape of a diarienummer (an empty value is no case number)."""
    return len(value) <= MAX_LENGTH and _SHAPE.fullmatch(value) is not None


def validate_case_number(value: str) -> None:
    """Refuse a non-empty value that is not shaped like a case number."""
    if value and not is_case_number(value):
        raise ValidationError(
            _(
                "Enter the case number as the case system writes it, e.g. “AN 2023-123”: letters and "
                "digits, separated by single spaces or - / . : _."
            ),
            code="invalid_case_number",
        )
