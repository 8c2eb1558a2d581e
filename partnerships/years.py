"""The years the register deals in: 2000–2100 (issue 8, item 3).

An IOP agreement runs a few years; the register will be used for decades, not millennia. A
typing slip such as 0001-01-01 or 9999-12-31 once made an agreement's page fail and gave every
overview 10,000 year links, so every date and year the register stores lies in this range: in
the forms (the validator), in the database (CHECK constraints built with `in_range`) and in
the URLs (`iop_registry.converters.YearConverter`).
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

FIRST_YEAR = 2000
LAST_YEAR = 2100
FIRST_DAY = date(FIRST_YEAR, 1, 1)
LAST_DAY = date(LAST_YEAR, 12, 31)


def is_plausible_year(year: int) -> bool:
    return FIRST_YEAR <= year <= LAST_YEAR


def validate_plausible_date(day: date) -> None:
    """Model-field validator: a date from 2000-01-01 to 2100-12-31."""
    if day is not None and not FIRST_DAY <= day <= LAST_DAY:
        raise ValidationError(
            _("Enter a date from %(first)s to %(last)s.")
            % {"first": FIRST_DAY.isoformat(), "last": LAST_DAY.isoformat()},
            code="date_out_of_range",
        )


def in_range(field: str, *, nullable: bool = False) -> Q:
    """The CHECK condition that `field` (a date) lies in the register's years."""
    condition = Q(**{f"{field}__gte": FIRST_DAY, f"{field}__lte": LAST_DAY})
    return Q(**{f"{field}__isnull": True}) | condition if nullable else condition


def years_in_range(field: str, *, nullable: bool = False) -> Q:
    """The CHECK condition that `field` (a year number) lies in the register's years."""
    condition = Q(**{f"{field}__gte": FIRST_YEAR, f"{field}__lte": LAST_YEAR})
    return Q(**{f"{field}__isnull": True}) | condition if nullable else condition


def stop_if_out_of_range(model, *, dates: tuple[str, ...] = (), year_fields: tuple[str, ...] = ()) -> None:
    """For the migrations that add the CHECKs: rows already outside the register's years are
    a person's typing error to correct, not something a migration may guess. Stop, naming them."""
    outside = Q()
    for field in dates:
        outside |= Q(**{f"{field}__lt": FIRST_DAY}) | Q(**{f"{field}__gt": LAST_DAY})
    for field in year_fields:
        outside |= Q(**{f"{field}__lt": FIRST_YEAR}) | Q(**{f"{field}__gt": LAST_YEAR})
    ids = list(model.objects.filter(outside).values_list("pk", flat=True)[:50])
    if ids:
        raise RuntimeError(
            f"{model._meta.label} rows {ids} have dates outside {FIRST_DAY}–{LAST_DAY}: "
            "correct them (admin), then migrate again."
        )
