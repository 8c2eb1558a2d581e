"""The rule of issue 23: an agreement becomes decided only when every criterion of its guideline
is met, or when an official records a deviation with its justification (`Agreement.deviation`),
which the decision memo then states (reports/drafting/decision.py).

Before issue 23 a criterion answered "no" was accepted on a decided agreement without a word. The
rule is checked where an agreement becomes decided (the agreement form's `CriteriaForm`, the
import, which uses the same form) and, on PostgreSQL, by the database at commit
(partnerships/migrations/0015_agreement_deviation.py), so no other path decides one silently.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _


def unmet(answers: Iterable[tuple[int, bool | None, str]]) -> list[int]:
    """The numbers of the criteria answered "not met", from (number, fulfilled, justification)."""
    return [number for number, fulfilled, _why in answers if fulfilled is False]


def refusal(*, answers: Iterable[tuple[int, bool | None, str]], deviation: str) -> str | None:
    """Why an agreement with these answers cannot be decided, or None when it can."""
    numbers = unmet(answers)
    if numbers and not deviation.strip():
        return _(
            "Criterion %(numbers)s is not met: the agreement can be decided only with a recorded deviation "
            "from the guideline and its justification."
        ) % {"numbers": ", ".join(map(str, numbers))}
    return None
