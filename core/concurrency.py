"""No lost updates, and no server error when two people create the same thing at once.

Models that use this have a `version` integer. The edit form carries the version it was
opened with; `claim_version` locks the row, refuses the save when someone else has saved in
between, and hands out the next version number. `save_versioned` does that for any ModelForm
(`VersionedFormMixin` adds the hidden field), and turns a create that lost a race for a unique
value (a follow-up for the same agreement and year, a participant with the same personnummer)
into the form error the first check would have given, instead of an IntegrityError.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, models, transaction
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


class VersionedFormMixin:
    """A ModelForm that carries, hidden, the version its object had when the form was opened."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["seen_version"] = forms.IntegerField(
            widget=forms.HiddenInput,
            required=False,
            initial=self.instance.version if self.instance.pk else None,
        )


def add_duplicate_errors(form: forms.ModelForm) -> bool:
    """After a unique constraint refused the form's object: put the model's own message for the
    duplicate (`violation_error_message`, `error_messages["unique"]`) on the form. False when the
    object is no duplicate, i.e. the IntegrityError had another cause."""
    instance = form.instance
    found: dict[str, list[str]] = {}
    for check in (instance.validate_unique, instance.validate_constraints):
        try:
            check()
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                found.setdefault(field, []).extend(messages)
    for field, messages in found.items():
        form.add_error(field if field in form.fields and field != NON_FIELD_ERRORS else None, messages)
    return bool(found)


def save_versioned(form: forms.ModelForm, save=None) -> models.Model | None:
    """Save a valid ModelForm (or run `save()` for a form with more to save) in one transaction,
    over the version the editor opened (EditConflict otherwise).

    Returns None, with the form's error, when a concurrent request created the same unique
    object first: the caller shows the form again, or sends the user to the existing object.
    """
    instance = form.instance
    try:
        with transaction.atomic():
            if instance.pk is not None and hasattr(instance, "version"):
                instance.version = claim_version(
                    type(instance), instance.pk, form.cleaned_data.get("seen_version")
                )
            return save() if save is not None else form.save()
    except IntegrityError:
        if instance._state.adding:
            instance.pk = None  # the INSERT was rolled back
        if add_duplicate_errors(form):
            return None
        raise
