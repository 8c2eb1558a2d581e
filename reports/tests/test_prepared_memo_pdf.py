"""Memos at a click (issue 22): the worker renders a memo's PDF when its content changes, an
export of unchanged content stores that PDF without rendering, and no export renders while it
holds the memo's row lock.

Most tests stand a recording fake in for the layout (`reports.pdf.html_to_pdf`): what they check
is when it is called and what is stored. One renders for real, to show the stored version is the
prepared PDF byte for byte.
"""

from __future__ import annotations

import hashlib
import threading

import pytest
from django.db import connection, connections, transaction  # noqa: F401 (connection: the skipif)
from django.urls import reverse
from django.utils import translation

from conftest import SecondFactorClient, form_data
from partnerships.models import Agreement
from reports import drafting, exports, prepared
from reports import pdf as rendering
from reports.context import memo_context
from reports.models import Memo, MemoQuerySet, PreparedPdf
from reports.tasks import prepare_memo_pdf

pytestmark = pytest.mark.django_db

IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


def fake_pdf(html: str) -> bytes:
    return b"%PDF-1.7 " + hashlib.sha256(html.encode()).hexdigest().encode()


class Renders:
    """A stand-in for the layout: records each HTML it is given and answers a PDF-like string
    that differs with the HTML, so a stored version shows which content it was made from."""

    def __init__(self, log: list[str] | None = None):
        self.html: list[str] = []
        self.log = log

    def __call__(self, html: str) -> bytes:
        self.html.append(html)
        if self.log is not None:
            self.log.append("render")
        return fake_pdf(html)


@pytest.fixture
def renders(monkeypatch) -> Renders:
    fake = Renders()
    monkeypatch.setattr(rendering, "html_to_pdf", fake)
    return fake


@pytest.fixture
def memo(demo) -> Memo:
    return demo["decision_memo"]


def export(client, user, memo: Memo):
    client.force_login(user)
    response = client.post(reverse("reports:memo_export", args=[memo.pk]))
    assert response.status_code == 302
    return memo.versions.order_by("-number").first()


def test_the_task_renders_the_pdf_and_stores_it_with_its_content_hash(renders, memo):
    assert prepare_memo_pdf.call(memo.pk) is True
    stored = PreparedPdf.objects.get(memo=memo)
    html = prepared.memo_html(memo)
    assert renders.html == [html]
    assert stored.content_hash == rendering.content_hash(html)
    assert bytes(stored.pdf) == fake_pdf(html)
    # Run again on the same content, it renders nothing (the queue may hold one per edit).
    assert prepare_memo_pdf.call(memo.pk) is False
    assert len(renders.html) == 1


def test_an_unchanged_memo_is_exported_as_the_prepared_pdf_without_rendering(client, secretary, memo):
    """For real: the task renders, then the click stores those bytes and renders nothing."""
    prepare_memo_pdf.call(memo.pk)
    prepared_pdf = bytes(PreparedPdf.objects.get(memo=memo).pdf)
    assert prepared_pdf.startswith(b"%PDF-")

    def no_render(html):
        raise AssertionError("the export rendered an unchanged memo")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(rendering, "html_to_pdf", no_render)
        version = export(client, secretary, memo)
    assert bytes(version.pdf) == prepared_pdf
    assert version.sha256 == hashlib.sha256(prepared_pdf).hexdigest()
    # ... and it is what a render now gives: the hash stands for the bytes (no creation date,
    # an identifier from the content).
    with translation.override("sv"):  # as the pages and the worker render it
        assert exports.render_memo_pdf(memo) == prepared_pdf


def test_a_changed_section_is_rendered_again_on_export(client, official, secretary, renders, memo):
    prepare_memo_pdf.call(memo.pk)
    client.force_login(official)
    url = reverse("reports:memo_section_edit", args=[memo.pk, memo.sections.get(order=2).pk])
    assert client.post(url, {**form_data(client.get(url)), "body": "Ny bakgrund."}).status_code == 302

    version = export(client, secretary, memo)
    assert len(renders.html) == 2 and "Ny bakgrund." in renders.html[-1]
    assert bytes(version.pdf) == fake_pdf(renders.html[-1])
    # The new render is kept: the next click of the same content renders nothing.
    assert PreparedPdf.objects.get(memo=memo).content_hash == rendering.content_hash(renders.html[-1])
    export(client, secretary, memo)
    assert len(renders.html) == 2


def test_a_change_in_the_figures_the_memo_prints_is_rendered_again(
    client, secretary, renders, followup_draft
):
    """No memo save: an agreement in the memo's overview table is renamed. The hash is of what
    the PDF prints, so the prepared PDF no longer stands for it."""
    memo = drafting.save_draft(followup_draft, by=secretary)
    prepare_memo_pdf.call(memo.pk)
    agreement = memo_overview_agreement(memo)
    agreement.name = "Omdöpt överenskommelse"
    agreement.save()

    export(client, secretary, memo)
    assert len(renders.html) == 2 and "Omdöpt överenskommelse" in renders.html[-1]


def test_the_memo_page_has_changed_figures_rendered_ahead(
    client, secretary, renders, followup_draft, settings, django_capture_on_commit_callbacks
):
    """Opening the memo (where "Export" is) after its figures changed asks the worker for the
    PDF, so the click finds it made; a page of a memo whose PDF is current asks nothing."""
    settings.TASKS = IMMEDIATE
    memo = drafting.save_draft(followup_draft, by=secretary)
    prepare_memo_pdf.call(memo.pk)
    client.force_login(secretary)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert client.get(memo.get_absolute_url()).status_code == 200
    assert callbacks == [] and len(renders.html) == 1

    agreement = memo_overview_agreement(memo)
    agreement.name = "Omdöpt överenskommelse"
    agreement.save()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert client.get(memo.get_absolute_url()).status_code == 200
    assert len(callbacks) == 1 and "Omdöpt överenskommelse" in renders.html[-1]

    version = export(client, secretary, memo)
    assert len(renders.html) == 2  # the click rendered nothing
    assert bytes(version.pdf) == fake_pdf(renders.html[-1])


def memo_overview_agreement(memo: Memo) -> Agreement:
    overview = next(s.overview for s in memo_context(memo)["sections"] if s.overview is not None)
    return Agreement.objects.get(pk=overview.rows[0].agreement_id)


def test_a_saved_edit_enqueues_the_render_once_committed(
    client, official, renders, memo, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = IMMEDIATE
    client.force_login(official)
    url = reverse("reports:memo_edit", args=[memo.pk])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(url, {**form_data(client.get(url)), "case_number": "AN 2022-0815"})
    assert response.status_code == 302
    assert renders.html == []  # not inside the edit's transaction
    assert not PreparedPdf.objects.filter(memo=memo).exists()

    for callback in callbacks:
        callback()
    memo.refresh_from_db()
    stored = PreparedPdf.objects.get(memo=memo)
    assert "AN 2022-0815" in renders.html[-1]
    assert stored.content_hash == rendering.content_hash(prepared.memo_html(memo))


def test_a_render_for_an_older_edit_is_not_kept(renders, monkeypatch, memo):
    """The memo changes while the worker renders: the PDF of the old content is thrown away."""

    def edit_meanwhile(html):
        Memo.objects.filter(pk=memo.pk).update(title="Ändrad under tiden")
        return renders(html)

    monkeypatch.setattr(rendering, "html_to_pdf", edit_meanwhile)
    assert prepare_memo_pdf.call(memo.pk) is False
    assert not PreparedPdf.objects.filter(memo=memo).exists()


def test_the_export_renders_before_it_locks_the_memo(client, secretary, monkeypatch, memo):
    calls: list[str] = []
    monkeypatch.setattr(rendering, "html_to_pdf", Renders(calls))
    lock = MemoQuerySet.select_for_update

    def spy(queryset, *args, **kwargs):
        calls.append("lock")
        return lock(queryset, *args, **kwargs)

    monkeypatch.setattr(MemoQuerySet, "select_for_update", spy)
    version = export(client, secretary, memo)
    assert calls == ["render", "lock"]
    assert version.number == 1


on_postgresql = pytest.mark.skipif(
    "connection.vendor != 'postgresql'", reason="another connection's row lock needs PostgreSQL"
)


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_the_memo_row_is_free_while_its_pdf_renders(secretary, monkeypatch):
    """While one export renders, another transaction takes the memo's row lock at once (NOWAIT):
    an edit or a second export never waits out a render."""
    from participants.tests.factories import AgreementFactory

    memo = Memo.objects.create(
        title="Uppföljning", date="2022-03-30", committee=AgreementFactory().committee, administration="IAF"
    )
    rendering_started, release = threading.Event(), threading.Event()
    fake = Renders()

    def slow_render(html):
        rendering_started.set()
        assert release.wait(30)
        return fake(html)

    monkeypatch.setattr(rendering, "html_to_pdf", slow_render)
    statuses: list[int] = []

    def click():
        client = SecondFactorClient()
        client.force_login(secretary)
        try:
            statuses.append(client.post(reverse("reports:memo_export", args=[memo.pk])).status_code)
        finally:
            connections.close_all()

    thread = threading.Thread(target=click)
    thread.start()
    try:
        assert rendering_started.wait(30)
        with transaction.atomic():
            Memo.objects.select_for_update(nowait=True).get(pk=memo.pk)  # old code: "could not obtain lock"
    finally:
        release.set()
        thread.join(60)
    assert statuses == [302]
    assert list(memo.versions.values_list("number", flat=True)) == [1]
