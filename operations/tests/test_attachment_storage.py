"""The attachments' FileField follows STORAGES["attachments"] as configured, not as it was when
the model class was built (a FileField evaluates a callable storage once): before the fix,
tests and any settings change wrote documents into the project's own private-media folder."""

from __future__ import annotations

from django.core.files.base import ContentFile

from partnerships.models import AgreementAttachment


def test_the_file_field_uses_the_storage_configured_now(settings, tmp_path):
    location = tmp_path / "elsewhere"
    settings.STORAGES = {
        **settings.STORAGES,
        "attachments": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": location},
        },
    }
    storage = AgreementAttachment._meta.get_field("file").storage
    name = storage.save("agreements/1/probe", ContentFile(b"%PDF-1.7"))
    assert (location / name).read_bytes() == b"%PDF-1.7"
