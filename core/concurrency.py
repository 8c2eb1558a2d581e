"""No lost updates: an edit is saved only over the version the editor started from.

Models that use this have a `version` integer. The edit form carries the version it was
opened with; `claim_version` locks the row, refuses the save when someone else has saved in
between, and hands out the next version number.
"""

from __future__ import annotations

from django.db import models, transaction
from django.utils.translation import gettext_lazy as _


class EditConflict(Exception):
    """Someone saved the object after this editor opened it."""

    message = _(
        "Someone else saved this after you opened it, so your changes were not saved. "
        "Reload the page to see the latest version, then make your changes again."
    )


def version_field() -> models.PositiveIntegerField:
    return models.PositiveIntegerField(_("version"), default=1, editable=False)


def claim_version(model: type[models.Model], pk: int, seen_version: int | None) -> int:
    """Lock the row and return the version to save, or raise EditConflict if it has moved on.

    Must run inside the transaction that saves the object.
    """
    assert transaction.get_connection().in_atomic_block, "claim_version needs a transaction"
    current = model._default_manager.select_for_update().filter(pk=pk).values_list("version", flat=True).get()
    if seen_version != current:
        raise EditConflict
    return current + 1
