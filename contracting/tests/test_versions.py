"""Officials write the agreement document and save versions (issue 23): each kept with its
SHA-256 and a readable difference from the one before; the secretary reads; the decided
version locks the document; a stale editor and an unknown placeholder are refused."""

from __future__ import annotations

import hashlib

import pytest
from django.urls import reverse

from conftest import form_data
from contracting import services
from contracting.diff import line_diff
from contracting.models import AgreementDocument, DocumentVersion


@pytest.fixture
def ikf(seed):
    return seed["ikf2023"]


def _start(client, agreement):
    return client.post(reverse("contracting:document_start", args=[agreement.pk]))


def test_the_difference_folds_unchanged_lines():
    old = "\n".join(f"rad {n}" for n in range(10))
    new = old.replace("rad 5", "rad fem")
    lines = [(line.kind, line.text) for line in line_diff(old, new)]
    assert lines == [
        ("folded", "3"),
        ("same", "rad 3"),
        ("same", "rad 4"),
        ("removed", "rad 5"),
        ("added", "rad fem"),
        ("same", "rad 6"),
        ("same", "rad 7"),
        ("folded", "2"),
    ]


def test_an_official_writes_edits_and_the_page_shows_the_difference(client, official, ikf):
    client.force_login(official)
    assert _start(client, ikf).status_code == 302
    first = DocumentVersion.objects.get()
    assert first.sha256 == hashlib.sha256(bytes(first.pdf)).hexdigest() and first.size == len(
        bytes(first.pdf)
    )
    assert bytes(first.pdf).startswith(b"%PDF-")
    assert "Inkludering på lika villkor" in first.text and "Internationella Kvinnoföreningen" in first.text

    edit = reverse("contracting:document_edit", args=[ikf.pk])
    data = form_data(client.get(edit))
    data["body_10"] = "Tvister avgörs av Linköpings tingsrätt."
    response = client.post(edit, data)
    second = DocumentVersion.objects.get(number=2)
    assert response.url == reverse("contracting:version", args=[ikf.pk, 2])
    assert second.sha256 != first.sha256 and second.created_by == official
    page = client.get(response.url).content.decode()
    assert "Tvister avgörs av Linköpings tingsrätt." in page
    assert "Ändringar från version 1" in page and "<del>" in page and "<ins " in page
    document = client.get(reverse("contracting:document", args=[ikf.pk])).content.decode()
    assert first.sha256 in document and second.sha256 in document

    # the same text again keeps no new version
    client.post(edit, form_data(client.get(edit)))
    assert DocumentVersion.objects.count() == 2


def test_the_downloads_are_the_stored_pdf_and_a_word_file(client, official, ikf):
    client.force_login(official)
    _start(client, ikf)
    version = DocumentVersion.objects.get()
    pdf = client.get(reverse("contracting:version_pdf", args=[ikf.pk, 1]))
    assert pdf.content == bytes(version.pdf) and pdf["X-Content-SHA256"] == version.sha256
    docx = client.get(reverse("contracting:version_docx", args=[ikf.pk, 1]))
    assert docx.status_code == 200 and docx.content.startswith(b"PK")


def test_a_stale_editor_is_refused_and_nothing_is_saved(client, official, ikf):
    client.force_login(official)
    _start(client, ikf)
    edit = reverse("contracting:document_edit", args=[ikf.pk])
    stale = form_data(client.get(edit))
    fresh = {**stale, "body_0": "Ny bakgrund."}
    client.post(edit, fresh)
    stale["body_1"] = "Annan ändring."
    response = client.post(edit, stale)
    assert response.status_code == 409 and "någon annan" in response.content.decode().lower()
    assert DocumentVersion.objects.count() == 2


def test_an_unknown_placeholder_is_refused(client, official, ikf):
    client.force_login(official)
    _start(client, ikf)
    edit = reverse("contracting:document_edit", args=[ikf.pk])
    data = {**form_data(client.get(edit)), "body_0": "Avtalet gäller {startdatum}."}
    response = client.post(edit, data)
    assert response.status_code == 400 and "Okänd platshållare: {startdatum}." in response.content.decode()
    assert DocumentVersion.objects.count() == 1


def test_the_decided_version_locks_the_document(client, official, ikf):
    client.force_login(official)
    _start(client, ikf)
    assert client.post(reverse("contracting:version_decide", args=[ikf.pk, 1])).status_code == 302
    document = AgreementDocument.objects.get()
    assert document.decided_version.number == 1
    assert client.get(reverse("contracting:document_edit", args=[ikf.pk])).status_code == 302
    with pytest.raises(services.DocumentRefused):
        services.save_version(
            document=document, clauses=document.decided_version.clauses, seen_version=None, by=official
        )
    with pytest.raises(services.DocumentRefused):
        services.mark_decided(version=document.decided_version)


def test_the_secretary_reads_but_does_not_write(client, official, secretary, ikf):
    services.start_document(agreement=ikf, by=official)
    client.force_login(secretary)
    page = client.get(reverse("contracting:document", args=[ikf.pk]))
    assert (
        page.status_code == 200
        and reverse("contracting:document_edit", args=[ikf.pk]) not in page.content.decode()
    )
    assert client.get(reverse("contracting:version", args=[ikf.pk, 1])).status_code == 200
    assert client.get(reverse("contracting:document_edit", args=[ikf.pk])).status_code == 403
    assert client.post(reverse("contracting:version_decide", args=[ikf.pk, 1])).status_code == 403


def test_the_agreement_page_links_the_document_for_those_who_read_it(client, official, coordinator, ikf):
    link = reverse("contracting:document", args=[ikf.pk])
    client.force_login(official)
    assert link in client.get(ikf.get_absolute_url()).content.decode()
    client.force_login(coordinator)
    assert link not in client.get(ikf.get_absolute_url()).content.decode()
    assert client.get(link).status_code == 403


def test_a_partner_downloads_the_decided_version_in_the_portal(client, official, partner_user, ikf, seed):
    from accounts.models import PartnerMembership

    PartnerMembership.objects.create(user=partner_user, partner=ikf.parties.get().partner)
    version = services.start_document(agreement=ikf, by=official)
    client.force_login(partner_user)
    url = reverse("portal:agreement_document", args=[ikf.pk])
    assert client.get(url).status_code == 404  # nothing decided yet
    assert url not in client.get(reverse("portal:agreement", args=[ikf.pk])).content.decode()
    services.mark_decided(version=version)
    assert url in client.get(reverse("portal:agreement", args=[ikf.pk])).content.decode()
    response = client.get(url)
    assert response.content == bytes(version.pdf)
    assert client.get(reverse("contracting:document", args=[ikf.pk])).status_code == 403
    other = seed["hoppfull"]
    services.mark_decided(version=services.start_document(agreement=other, by=official))
    assert client.get(reverse("portal:agreement_document", args=[other.pk])).status_code == 404


def test_the_case_files_are_every_version_and_signed_copy(official, ikf):
    from contracting.tests.factories import stand_in
    from core.case_files import case_files

    stand_in(ikf, by=official)
    # The agreement's own record (partnerships/case_files.py) shares the folder; these are ours.
    files = [f for f in case_files(ikf) if f.path.startswith("overenskommelse/") and f.path.endswith(".pdf")]
    assert [(f.path, f.mimetype, f.section) for f in files] == [
        ("overenskommelse/version-1.pdf", "application/pdf", "Överenskommelse"),
        ("overenskommelse/undertecknad-1-1.pdf", "application/pdf", "Överenskommelse"),
    ]
    assert files[0].content == b"%PDF-1.7" and files[1].creator == "Common Name: Kommunen"
