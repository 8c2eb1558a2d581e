"""Exports keep what was sent: numbered versions, SHA-256, who and when, never changed."""

import hashlib

import pytest
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.urls import reverse

from reports.exports import export_memo
from reports.filenames import attachment_header
from reports.models import Memo, MemoVersion

from .pdftext import body

pytestmark = pytest.mark.django_db


@pytest.fixture
def memo(demo) -> Memo:
    return demo["decision_memo"]


def test_each_export_is_a_new_numbered_version_with_its_hash(client, secretary, memo):
    client.force_login(secretary)
    for _ in range(2):
        response = client.post(reverse("reports:memo_export", args=[memo.pk]))
        assert response.status_code == 302
    versions = list(memo.versions.order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    for version in versions:
        assert version.created_by == secretary
        assert version.created_at is not None
        assert version.sha256 == hashlib.sha256(bytes(version.pdf)).hexdigest()
        assert version.size == len(bytes(version.pdf))


def test_a_download_is_the_stored_bytes(client, secretary, memo):
    version = export_memo(memo=memo, by=secretary)
    memo.title = "Ändrad efter exporten"
    memo.save()
    client.force_login(secretary)
    response = client.get(reverse("reports:memo_version_pdf", args=[memo.pk, version.number]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    version = MemoVersion.objects.get(pk=version.pk)
    assert version.filename == "2022-09-27 Ändrad efter exporten.pdf"  # the memo's date and title now
    assert response["Content-Disposition"] == attachment_header(version.filename)
    assert hashlib.sha256(response.content).hexdigest() == version.sha256 == response["X-Content-SHA256"]
    assert "IOP med Internationella Kvinnoföreningen" in body(response.content)
    assert "Ändrad efter exporten" not in body(response.content)


def test_the_model_refuses_to_change_or_delete_a_version(secretary, memo):
    version = export_memo(memo=memo, by=secretary)
    version.sha256 = "0" * 64
    with pytest.raises(MemoVersion.Immutable):
        version.save()
    with pytest.raises(MemoVersion.Immutable):
        version.delete()
    with pytest.raises(MemoVersion.Immutable):
        MemoVersion.objects.filter(pk=version.pk).update(sha256="0" * 64)
    with pytest.raises(MemoVersion.Immutable):
        MemoVersion.objects.filter(pk=version.pk).delete()
    version.refresh_from_db()
    assert hashlib.sha256(bytes(version.pdf)).hexdigest() == version.sha256


def test_the_database_refuses_to_change_a_version(secretary, memo):
    version = export_memo(memo=memo, by=secretary)
    with pytest.raises((IntegrityError, DatabaseError)), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE reports_memoversion SET pdf = %s WHERE id = %s", [b"%PDF-forged", version.pk])
    version.refresh_from_db()
    assert hashlib.sha256(bytes(version.pdf)).hexdigest() == version.sha256


def test_an_exported_memo_cannot_be_deleted(secretary, memo):
    from django.db.models import ProtectedError

    export_memo(memo=memo, by=secretary)
    with pytest.raises(ProtectedError):
        memo.delete()


def test_no_page_changes_or_deletes_a_version(client, administrator, memo):
    """The versions' URL only answers GET; the admin shows versions read-only."""
    version = export_memo(memo=memo, by=administrator)
    client.force_login(administrator)
    url = reverse("reports:memo_version_pdf", args=[memo.pk, version.number])
    assert client.post(url).status_code == 405
    assert client.delete(url).status_code == 405
    assert client.get(url).status_code == 200
    assert not administrator.has_perm("reports.change_memoversion")
    assert not administrator.has_perm("reports.delete_memoversion")


def test_the_memo_page_lists_the_versions(client, official, memo):
    export_memo(memo=memo, by=official)
    client.force_login(official)
    html = client.get(memo.get_absolute_url()).content.decode()
    assert reverse("reports:memo_version_pdf", args=[memo.pk, 1]) in html
