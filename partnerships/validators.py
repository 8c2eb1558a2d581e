"""Validators for partner data."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.se import orgnr


def validate_organisation_number(value: str) -> None:
    """A Swedish organisationsnummer: ten digits with a valid Luhn check digit."""
    if value and not orgnr.is_valid(value):
        raise ValidationError(
            _("%(value)s is not a valid organisation number (ten digits, e.g. 802002-4280)."),
            params={"value": value},
            code="invalid_organisation_number",
        )
