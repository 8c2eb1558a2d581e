"""Documents attached to an agreement: checked types and sizes, served only to those allowed."""

from __future__ import annotations

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import PartnerMembership
from partnerships.models import AgreementAttachment

from . import documents

PDF_BYTES = documents.pdf()


def upload(client, agreement, name: str, content: bytes, **extra):
    return client.post(
        reverse("partnerships:attachment_upload", args=[agreement.pk]),
        {
            "kind": "signed",
            "title": extra.get("title", ""),
            "file": SimpleUploadedFile(name, content, "application/pdf"),
        },
        follow=True,
    )


def test_official_attaches_the_signed_agreement_and_downloads_it_byte_for_byte(client, official, seed):
    agreement = seed["ikf2023"]
    client.force_login(official)
    response = upload(
        client, agreement, "Överenskommelse IKF.pdf", PDF_BYTES, title="Signerad överenskommelse"
    )
    assert "”Överenskommelse IKF.pdf” bifogades." in response.content.decode()
    attachment = AgreementAttachment.objects.get()
    assert (attachment.content_type, attachment.size, attachment.uploaded_by) == (
        "application/pdf",
        len(PDF_BYTES),
        official,
    )
    assert attachment.sha256 == hashlib.sha256(PDF_BYTES).hexdigest()
    assert "Överenskommelse" not in attachment.file.name  # random name on disk

    download = client.get(attachment.get_absolute_url())
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF_BYTES
    assert download["Content-Type"] == "application/pdf"
    assert "attachment;" in download["Content-Disposition"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("program.exe", b"MZ\x90\x00", "Bara PDF- och Office-dokument"),
        ("faktura.pdf", b"MZ\x90\x00 not really a pdf", "Filens innehåll är inte ett PDF-dokument"),
        ("tom.pdf", b"", "filen är tom."),
        ("bild.svg", b"<svg onload=alert(1)>", "Bara PDF- och Office-dokument"),
    ],
)
def test_other_files_are_refused(client, official, seed, name, content, message):
    client.force_login(official)
    response = upload(client, seed["ikf2023"], name, content)
    assert message in response.content.decode()
    assert AgreementAttachment.objects.count() == 0


def test_files_over_the_limit_are_refused(client, official, seed, settings):
    settings.ATTACHMENT_MAX_BYTES = 100
    client.force_login(official)
    response = upload(client, seed["ikf2023"], "stor.pdf", PDF_BYTES + b"x" * 200)  # over 100 bytes
    assert "gränsen är 100" in response.content.decode()
    assert AgreementAttachment.objects.count() == 0


def test_office_documents_are_accepted(client, official, seed):
    client.force_login(official)
    upload(client, seed["ikf2023"], "budget.xlsx", documents.xlsx())
    upload(client, seed["ikf2023"], "avtal.odt", documents.odt())
    assert sorted(AgreementAttachment.objects.values_list("content_type", flat=True)) == [
        "application/vnd.oasis.opendocument.text",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ]


@pytest.fixture
def attachment(client, official, seed):
    client.force_login(official)
    upload(client, seed["ikf2023"], "avtal.pdf", PDF_BYTES)
    client.logout()
    return AgreementAttachment.objects.get()


def test_anonymous_users_are_sent_to_login(client, attachment):
    response = client.get(attachment.get_absolute_url())
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_read_only_roles_may_download_but_not_upload(client, secretary, attachment):
    client.force_login(secretary)
    assert client.get(attachment.get_absolute_url()).status_code == 200
    assert upload(client, attachment.agreement, "x.pdf", PDF_BYTES).status_code == 403


def test_partner_of_another_organisation_gets_404(client, partner_user, attachment, seed):
    PartnerMembership.objects.create(user=partner_user, partner=seed["hoppfull"].parties.get().partner)
    client.force_login(partner_user)
    assert client.get(attachment.get_absolute_url()).status_code == 404


def test_an_attachment_is_only_reachable_through_its_own_agreement(client, official, attachment, seed):
    client.force_login(official)
    url = reverse("partnerships:attachment_download", args=[seed["hoppfull"].pk, attachment.pk])
    assert client.get(url).status_code == 404


def test_there_is_no_public_url_for_uploaded_files(settings):
    assert settings.STORAGES["attachments"]["OPTIONS"]["base_url"] is None
    assert not settings.STATICFILES_DIRS[0].joinpath("attachments").exists()
