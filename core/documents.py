"""Saving a row together with its uploaded documents, all or nothing, and answering clearly when
the document storage (a folder, or an S3 bucket) does not (issue 21, row 5).

Django stores a FileField's upload in `pre_save`, before the row's INSERT. With the storage down
the upload raised botocore's EndpointConnectionError and the user got the generic 500 page; with
the database failing after the file reached the bucket, the object stayed there with no row
pointing at it, which no one removes and no backup copies (operations/backup.py copies what rows
name). So `save_with_documents` writes the row in its own transaction and deletes the files it
stored when that transaction does not commit, and a storage error becomes `StorageUnavailable`,
which views turn into a Swedish message (and a 503 where a page cannot be shown without it).
"""

from __future__ import annotations

from django.db import models, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

try:  # the S3 backend's errors; without boto3 only the local folder's OSError can occur
    from botocore.exceptions import BotoCoreError, ClientError

    STORAGE_ERRORS: tuple[type[BaseException], ...] = (OSError, BotoCoreError, ClientError)
except ImportError:  # pragma: no cover
    STORAGE_ERRORS = (OSError,)

NOT_SAVED = _(
    "The document storage is not answering, so nothing was saved. Try again in a while; if it "
    "goes on, tell the system administrator."
)
NOT_READ = _(
    "The document cannot be fetched just now: the document storage is not answering. Try again in a while."
)


class StorageUnavailable(Exception):
    """The document storage refused or did not answer; nothing was saved."""


def _new_uploads(instance: models.Model) -> list[models.fields.files.FieldFile]:
    files = (
        getattr(instance, field.attname)
        for field in instance._meta.concrete_fields
        if isinstance(field, models.FileField)
    )
    return [file for file in files if file and not file._committed]


def save_with_documents(instance: models.Model) -> None:
    """Save `instance` and store the new uploads in its FileFields: both or neither.

    Runs its own (outermost) transaction, so "committed" means committed: an enclosing one could
    still roll back after the files were kept. Raises StorageUnavailable when the storage fails;
    re-raises a database error after deleting the files already stored.
    """
    uploads = _new_uploads(instance)
    try:
        with transaction.atomic(durable=True):
            instance.save()
    except BaseException as error:
        for file in uploads:
            if file._committed:  # stored by pre_save before the row failed
                try:
                    file.storage.delete(file.name)
                except STORAGE_ERRORS:
                    pass  # the storage failing too: nothing more can be done here
        if isinstance(error, STORAGE_ERRORS):
            raise StorageUnavailable(str(error)) from error
        raise


def storage_unavailable(request: HttpRequest) -> HttpResponse:
    """The page for a document that cannot be read because the storage is down: 503, not 500."""
    return render(request, "storage_unavailable.html", {"message": NOT_READ}, status=503)
