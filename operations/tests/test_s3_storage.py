"""Attachments in an S3-compatible bucket (S3_* settings): private objects, served only through
the access-checked view. Against a real S3 protocol server (moto in server mode), not a mock."""

from __future__ import annotations

import hashlib
import uuid

import boto3
import pytest
import requests
from django.urls import reverse

from operations.conf import s3_storage
from partnerships.models import AgreementAttachment
from partnerships.tests.test_attachments import PDF_BYTES, upload

from .conftest import make_bucket

BUCKET = "iop-attachments"


@pytest.fixture
def s3(moto_server, settings):
    """The attachments' storage in a fresh bucket on the moto server, as settings.py builds it."""
    # A name of its own per test: the moto server lives for the whole session (id(settings), used
    # before, is a memory address, which a later test's settings can be given again).
    name = f"{BUCKET}-{uuid.uuid4().hex}"[:63]
    make_bucket(moto_server, name)
    settings.STORAGES = {
        **settings.STORAGES,
        "attachments": s3_storage(
            bucket=name,
            endpoint_url=moto_server,
            access_key="test",
            secret_key="test",
            region="eu-north-1",
            location="attachments",
        ),
    }
    client = boto3.client(
        "s3",
        endpoint_url=moto_server,
        aws_access_key_id="test",
        aws_secret_access_key="test",
        region_name="eu-north-1",
    )
    return moto_server, name, client


def test_an_upload_lands_in_the_bucket_private_and_downloads_through_the_view(client, official, seed, s3):
    endpoint, bucket, boto = s3
    client.force_login(official)
    agreement = seed["ikf2023"]
    page = upload(client, agreement, "Överenskommelse.pdf", PDF_BYTES)
    assert page.status_code == 200
    attachment = AgreementAttachment.objects.get()

    key = f"attachments/{attachment.file.name}"
    assert [o["Key"] for o in boto.list_objects_v2(Bucket=bucket)["Contents"]] == [key]
    assert boto.get_object(Bucket=bucket, Key=key)["Body"].read() == PDF_BYTES
    grants = boto.get_object_acl(Bucket=bucket, Key=key)["Grants"]
    assert [g["Permission"] for g in grants] == ["FULL_CONTROL"]  # the owner only: no public read
    assert all(g["Grantee"].get("URI") is None for g in grants)

    # Nobody reaches the object without credentials.
    assert requests.get(f"{endpoint}/{bucket}/{key}", timeout=10).status_code == 403

    download = client.get(attachment.get_absolute_url())
    assert download.status_code == 200
    body = b"".join(download.streaming_content)
    assert hashlib.sha256(body).hexdigest() == attachment.sha256
    # The page links to the checked view, never to the bucket (no public or presigned URL).
    detail = client.get(reverse("partnerships:agreement_detail", args=[agreement.pk])).content.decode()
    assert attachment.get_absolute_url() in detail
    assert endpoint not in detail and bucket not in detail


def test_a_user_who_may_not_see_the_agreement_gets_404_not_the_document(
    client, official, partner_user, seed, s3
):
    client.force_login(official)
    upload(client, seed["ikf2023"], "Överenskommelse.pdf", PDF_BYTES)
    attachment = AgreementAttachment.objects.get()
    client.force_login(partner_user)  # belongs to no organisation: sees no agreement
    assert client.get(attachment.get_absolute_url()).status_code == 404
    client.logout()
    response = client.get(attachment.get_absolute_url())
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_bucket_client_gives_up_within_seconds_and_keeps_path_style(s3):
    """With the bucket's server down a request must not hold a gunicorn worker for botocore's
    defaults (60 s timeouts, 4 retries with back-off; an upload took about 4 s to fail against a
    closed port, much longer against one that does not answer). Path-style addressing and
    SigV4 must survive the client_config that replaces the backend's own."""
    storage = AgreementAttachment._meta.get_field("file").storage
    config = storage.connection.meta.client.meta.config
    assert (config.connect_timeout, config.read_timeout) == (3, 30)
    assert config.retries["total_max_attempts"] == 2  # one try and one retry
    assert config.s3["addressing_style"] == "path" and config.signature_version == "s3v4"
