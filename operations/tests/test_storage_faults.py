"""The document storage failing (issue 21, row 5), through the real upload and download URLs:
S3 stopped → a Swedish message and no row, not the 500 page; the database failing after the file
reached the bucket → the object is deleted again, so no document is left that no row names."""

from __future__ import annotations

import uuid

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError, connection
from django.urls import reverse

from conftest import SecondFactorClient
from meetings.models import Meeting
from operations.conf import s3_storage
from partnerships.models import AgreementAttachment
from partnerships.tests.test_attachments import PDF_BYTES, upload

from .conftest import free_port, make_bucket

STORAGE_DOWN = "Dokumentlagringen svarar inte"


def use_s3(settings, endpoint: str, bucket: str) -> None:
    settings.STORAGES = {
        **settings.STORAGES,
        "attachments": s3_storage(
            bucket=bucket,
            endpoint_url=endpoint,
            access_key="test",
            secret_key="test",
            region="eu-north-1",
            location="attachments",
        ),
    }


@pytest.fixture
def s3_stopped(settings):
    """The attachments' bucket on an S3 endpoint where nothing listens (the server stopped)."""
    use_s3(settings, f"http://127.0.0.1:{free_port()}", "iop-attachments")


def test_with_s3_stopped_an_upload_says_so_in_swedish_and_saves_nothing(client, official, seed, s3_stopped):
    client.force_login(official)
    page = upload(client, seed["ikf2023"], "Överenskommelse.pdf", PDF_BYTES)
    assert page.status_code == 200
    assert f"Inget bifogades: {STORAGE_DOWN}" in page.content.decode()
    assert not AgreementAttachment.objects.exists()


def test_with_s3_stopped_a_download_answers_503_with_the_reason(client, official, seed, s3_stopped):
    attachment = AgreementAttachment.objects.create(
        agreement=seed["ikf2023"],
        file="agreements/1/stored-before",
        original_name="a.pdf",
        content_type="application/pdf",
        size=9,
        sha256="0" * 64,
    )
    client.force_login(official)
    page = client.get(attachment.get_absolute_url())
    assert page.status_code == 503
    assert "Dokumentet kan inte hämtas just nu" in page.content.decode()


def test_with_the_disk_failing_a_meeting_with_minutes_is_not_recorded(
    client, official, seed, settings, tmp_path
):
    (tmp_path / "not-a-folder").write_text("")  # the storage's folder is a file: OSError on save
    settings.STORAGES = {
        **settings.STORAGES,
        "attachments": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "not-a-folder"},
        },
    }
    client.force_login(official)
    page = client.post(
        reverse("meetings:agreement_meetings", args=[seed["ikf2023"].pk]),
        {
            "kind": "steering",
            "date": "2023-03-01",
            "attendees": "IKF",
            "minutes": "",
            "minutes_file": SimpleUploadedFile("protokoll.pdf", PDF_BYTES),
        },
    )
    assert page.status_code == 503
    assert STORAGE_DOWN in page.content.decode()
    assert not Meeting.objects.exists()


@pytest.mark.django_db(transaction=True)  # the upload's transaction really commits, or not
def test_a_database_failure_after_the_file_reached_s3_leaves_no_object(official, seed, settings, moto_server):
    bucket = f"iop-attachments-{uuid.uuid4().hex}"[:63]
    make_bucket(moto_server, bucket)
    use_s3(settings, moto_server, bucket)
    storage = AgreementAttachment._meta.get_field("file").storage
    storage.save("agreements/0/already-there", ContentFile(b"%PDF-1.7 kept"))

    def database_gone(execute, sql, params, many, context):
        if sql.startswith('INSERT INTO "partnerships_agreementattachment"'):
            raise OperationalError("server closed the connection unexpectedly")
        return execute(sql, params, many, context)

    client = SecondFactorClient(raise_request_exception=False)
    client.force_login(official)
    with connection.execute_wrapper(database_gone):
        page = upload(client, seed["ikf2023"], "Överenskommelse.pdf", PDF_BYTES)
    # the database out of reach: the Swedish 503 (iop_registry.views.server_error), nothing kept
    assert page.status_code == 503 and "når inte sin databas" in page.content.decode()
    assert not AgreementAttachment.objects.exists()
    assert storage.listdir("agreements") == (["0"], [])  # the uploaded object was deleted again
