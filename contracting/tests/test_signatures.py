"""Signed copies (issue 23): verified with pyHanko against a test CA made here — valid, who
signed, when, and that the signed document is the decided version; a tampered, unsigned,
untrusted or other document is refused with a Swedish reason. The municipality's seal."""

from __future__ import annotations

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from contracting import services
from contracting.models import Signature
from contracting.signatures import SignatureRefused, load_trust_roots, verify

from .pki import TestCA


@pytest.fixture(scope="module")
def ca():
    return TestCA()


@pytest.fixture(scope="module")
def foreningen(ca):
    return ca.issue("Föreningen")


@pytest.fixture(scope="module")
def kommunen(ca):
    return ca.issue("Linköpings kommun")


@pytest.fixture
def trusted(ca, settings, tmp_path):
    path = tmp_path / "roots.pem"
    path.write_bytes(ca.pem)
    settings.SIGNATURE_TRUST_ROOTS = str(path)
    return load_trust_roots(ca.pem)


@pytest.fixture
def decided(seed, official):
    """IKF's document, version 1 recorded as decided."""
    version = services.start_document(agreement=seed["ikf2023"], by=official)
    services.mark_decided(version=version)
    return version


def test_a_signed_copy_of_the_decided_version_is_valid_with_its_signer_and_time(decided, foreningen, trusted):
    original = bytes(decided.pdf)
    found = verify(foreningen.sign(original), original=original, trust_roots=trusted)
    assert [item.subject for item in found] == ["Common Name: Föreningen, Country: SE"]
    assert found[0].signed_at is not None and found[0].revision == 1


def test_both_parties_signatures_in_one_file(decided, foreningen, kommunen, trusted):
    original = bytes(decided.pdf)
    both = kommunen.sign(foreningen.sign(original), field_name="Kommunen")
    found = verify(both, original=original, trust_roots=trusted)
    assert [item.subject.split(",")[0] for item in found] == [
        "Common Name: Föreningen",
        "Common Name: Linköpings kommun",
    ]


def _refusal(signed: bytes, original: bytes, roots) -> str:
    with pytest.raises(SignatureRefused) as refused:
        verify(signed, original=original, trust_roots=roots)
    return refused.value.message


def test_refused_unsigned_tampered_untrusted_or_another_document(
    decided, foreningen, trusted, seed, official
):
    original = bytes(decided.pdf)
    assert "ingen underskrift" in _refusal(original, original, trusted)
    signed = bytearray(foreningen.sign(original))
    signed[len(original) // 2] ^= 0x01  # one changed byte inside what the signature covers
    assert "ändrats efter undertecknandet" in _refusal(bytes(signed), original, trusted)
    other_ca = TestCA("Okänd utfärdare")
    assert "inte från en betrodd utfärdare" in _refusal(other_ca.issue("X").sign(original), original, trusted)
    other = services.start_document(agreement=seed["hoppfull"], by=official)
    assert "inte den beslutade versionen" in _refusal(foreningen.sign(bytes(other.pdf)), original, trusted)
    assert "inte en PDF" in _refusal(b"hello", original, trusted)
    assert "Ingen betrodd utfärdare" in _refusal(foreningen.sign(original), original, [])


def test_the_content_hash_of_the_signed_revision_is_the_versions(decided, foreningen, trusted):
    original = bytes(decided.pdf)
    signed = foreningen.sign(original)
    assert hashlib.sha256(signed[: len(original)]).hexdigest() == decided.sha256


def _upload(client, agreement, data: bytes, party: str):
    return client.post(
        reverse("contracting:signature_upload", args=[agreement.pk]),
        {
            "party": party,
            "file": SimpleUploadedFile("undertecknad.pdf", data, content_type="application/pdf"),
        },
    )


def test_an_official_uploads_each_partys_signed_copy(
    client, official, decided, foreningen, kommunen, trusted, seed
):
    agreement = seed["ikf2023"]
    partner = agreement.parties.get().partner
    client.force_login(official)
    signed = foreningen.sign(bytes(decided.pdf))
    response = _upload(client, agreement, signed, f"partner-{partner.pk}")
    assert response.status_code == 302
    both = kommunen.sign(signed, field_name="Kommunen")
    assert _upload(client, agreement, both, "municipality").status_code == 302
    first, second = Signature.objects.order_by("number")
    assert (first.partner, first.signer, first.sha256) == (
        partner,
        "Common Name: Föreningen, Country: SE",
        hashlib.sha256(signed).hexdigest(),
    )
    assert second.party == "municipality" and len(second.signatures) == 2
    page = client.get(reverse("contracting:document", args=[agreement.pk])).content.decode()
    assert "Common Name: Föreningen, Country: SE" in page and second.sha256 in page
    download = client.get(reverse("contracting:signature_pdf", args=[agreement.pk, 2]))
    assert download.content == both and download["X-Content-SHA256"] == second.sha256


def test_a_tampered_upload_is_refused_and_nothing_is_kept(
    client, official, decided, foreningen, trusted, seed
):
    agreement = seed["ikf2023"]
    client.force_login(official)
    response = _upload(client, agreement, bytes(decided.pdf), "municipality")
    assert response.status_code == 400
    assert "Filen har ingen underskrift" in response.content.decode()
    assert not Signature.objects.exists()


def test_no_signed_copy_before_a_version_is_decided(client, official, seed, foreningen, trusted):
    agreement = seed["ikf2023"]
    version = services.start_document(agreement=agreement, by=official)
    client.force_login(official)
    response = _upload(client, agreement, foreningen.sign(bytes(version.pdf)), "municipality")
    assert response.status_code == 302 and not Signature.objects.exists()


def test_the_municipality_seals_its_copy(
    client, official, decided, foreningen, kommunen, trusted, settings, tmp_path, seed
):
    path = tmp_path / "seal.p12"
    path.write_bytes(kommunen.pkcs12(b"$hemligt"))
    settings.AGREEMENT_SEAL_PKCS12 = str(path)
    settings.AGREEMENT_SEAL_PASSPHRASE = "$hemligt"
    agreement = seed["ikf2023"]
    signed = services.record_signature(
        document=decided.document,
        party="partner",
        partner=agreement.parties.get().partner,
        pdf=foreningen.sign(bytes(decided.pdf)),
        file_name="foreningen.pdf",
        by=official,
    )
    client.force_login(official)
    page = client.get(reverse("contracting:document", args=[agreement.pk])).content.decode()
    seal_url = reverse("contracting:signature_seal", args=[agreement.pk, signed.number])
    assert seal_url in page
    assert client.post(seal_url).status_code == 302
    sealed = Signature.objects.get(sealed=True)
    assert sealed.party == "municipality" and sealed.signer.startswith("Common Name: Linköpings kommun")
    assert [item["subject"].split(",")[0] for item in sealed.signatures] == [
        "Common Name: Föreningen",
        "Common Name: Linköpings kommun",
    ]
    assert bytes(sealed.pdf).startswith(bytes(decided.pdf))


def test_sealing_is_not_offered_without_a_certificate(client, official, decided, seed):
    client.force_login(official)
    page = client.get(reverse("contracting:document", args=[seed["ikf2023"].pk])).content.decode()
    assert "/seal/" not in page


def test_a_seal_certificate_that_cannot_be_read_is_a_reason_not_an_error(
    client, official, decided, foreningen, kommunen, trusted, settings, tmp_path, seed
):
    path = tmp_path / "seal.p12"
    path.write_bytes(kommunen.pkcs12(b"ratt"))
    settings.AGREEMENT_SEAL_PKCS12 = str(path)
    settings.AGREEMENT_SEAL_PASSPHRASE = "fel"
    agreement = seed["ikf2023"]
    signed = services.record_signature(
        document=decided.document,
        party="municipality",
        partner=None,
        pdf=foreningen.sign(bytes(decided.pdf)),
        file_name="kommunen.pdf",
        by=official,
    )
    client.force_login(official)
    response = client.post(
        reverse("contracting:signature_seal", args=[agreement.pk, signed.number]), follow=True
    )
    assert "Certifikatet för försegling kan inte läsas" in response.content.decode()
    assert Signature.objects.count() == 1
