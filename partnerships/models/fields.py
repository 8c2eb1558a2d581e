"""Shared model fields of the partnership models: money, price level, indexation (docs/domain.md, Indexering)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..guidelines import Guideline, GuidelineCriterion  # noqa: E402, F401 (models of this app)

if TYPE_CHECKING:
    pass


def money_field(verbose_name, **kwargs) -> models.DecimalField:
    """Whole kronor: never float, never öre (STYLE.md, Money)."""
    return models.DecimalField(
        verbose_name, max_digits=12, decimal_places=0, validators=[MinValueValidator(0)], **kwargs
    )


def price_level_field() -> models.PositiveSmallIntegerField:
    """The year whose prices an amount period is stated in (an agreement's, an amendment's)."""
    return models.PositiveSmallIntegerField(
        _("price level"),
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text=_("The year whose prices the amounts are stated in."),
    )


def indexation_field() -> models.DecimalField:
    """The yearly indexation of an amount period, 0–20 % (docs/domain.md: 2 % a year by default)."""
    return models.DecimalField(
        _("yearly indexation (%)"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("2.00"),
        validators=[MinValueValidator(0), MaxValueValidator(20)],
    )


class Level(models.IntegerChoices):
    """Arena Arbetsmarknad's ordered scale of a participant's independence in work-like activity."""

    PREPARATORY = 1, _("preparatory work training")
    PARTLY_INDEPENDENT = 2, _("partly independent")
    VERY_INDEPENDENT = 3, _("very independent")
