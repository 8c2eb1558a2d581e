"""Small rules of Swedish memo prose: genitives, titles, numbers in words, kronor in running text.

Names come from data (committee, administration) and settings (the municipality), so the memo's
sentences follow whichever municipality runs the product.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.utils import dateformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.formatting import NBSP, format_kr

NUMBER_WORDS = {
    2: gettext_lazy("two"),
    3: gettext_lazy("three"),
    4: gettext_lazy("four"),
    5: gettext_lazy("five"),
    6: gettext_lazy("six"),
    7: gettext_lazy("seven"),
    8: gettext_lazy("eight"),
    9: gettext_lazy("nine"),
    10: gettext_lazy("ten"),
    11: gettext_lazy("eleven"),
    12: gettext_lazy("twelve"),
}


def lower_first(text: str) -> str:
    """A name in running text: "Arbetsmarknadsnämnden" → "arbetsmarknadsnämnden"."""
    return text[:1].lower() + text[1:]


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def genitive(name: str) -> str:
    """Swedish genitive: add -s unless the name already ends in s, x or z
    ("arbetsmarknadsnämnden" → "arbetsmarknadsnämndens", "Linköpings kommun" → "Linköpings kommuns")."""
    return name if name[-1:].lower() in {"s", "x", "z"} else f"{name}s"


def director(administration: str) -> str:
    """The head of an administration as the decision sentence names them (docs/domain.md, IKF decision memo):
    "Integration- och arbetsmarknadsförvaltningen" → "integration- och arbetsmarknadsdirektören".
    Swedish administrations are named "…förvaltningen" and their heads "…direktören"."""
    stem = administration.removesuffix("förvaltningen")
    if stem == administration:
        return _("the head of %(administration)s") % {"administration": lower_first(administration)}
    return lower_first(f"{stem}direktören")


def municipality() -> str:
    return settings.MUNICIPALITY_NAME


def municipality_place() -> str:
    """ "Linköpings kommun" → "Linköpings", as in "mervärde för Linköpings invånare" (docs/domain.md, follow-up memo)."""
    return municipality().removesuffix(" kommun")


def number_word(count: int) -> str:
    """Numbers two to twelve in words, as Swedish prose writes them ("fem olika aktörer"); digits above."""
    return str(NUMBER_WORDS[count]) if count in NUMBER_WORDS else str(count)


def kronor(amount: Decimal | int) -> str:
    """Kronor in running text: 900000 → "900 000 kronor" (docs/domain.md, IKF decision memo), no-break spaces."""
    return format_kr(amount).removesuffix(f"{NBSP}kr") + NBSP + _("kronor")


def iso(day: date) -> str:
    return day.strftime("%Y-%m-%d")


def month_and_year(day: date) -> str:
    """ "mars 2022": the month's name in the active language, lower case as Swedish writes it."""
    return f"{lower_first(dateformat.format(day, 'F'))} {day.year}"


def percent(rate: Decimal) -> str:
    """2.00 → "2", 2.50 → "2,5": the rate as the indexation sentence prints it."""
    text = f"{Decimal(rate).normalize():f}"
    return text.replace(".", ",")


def join_names(names: list[str]) -> str:
    """ "A", "A och B", "A, B och C"."""
    names = [name for name in names if name]
    if len(names) <= 1:
        return "".join(names)
    return _("%(first)s and %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}
