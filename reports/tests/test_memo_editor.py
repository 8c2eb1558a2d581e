"""The memo editor: one part at a time beside a preview, saved over the memo's version."""

import pytest
from django.urls import reverse

from conftest import form_data
from reports.models import Memo, MemoSection

pytestmark = pytest.mark.django_db


@pytest.fixture
def memo(demo) -> Memo:
    return demo["decision_memo"]


def section_url(memo: Memo, order: int) -> str:
    return reverse("reports:memo_section_edit", args=[memo.pk, memo.sections.get(order=order).pk])


def test_a_section_is_edited_on_its_own_page_beside_the_preview(client, official, memo):
    client.force_login(official)
    url = section_url(memo, 2)
    page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200
    assert html.count('name="body"') == 1  # one section's form, not every section's
    assert 'id="memo-preview"' in html and "Förhandsvisning" in html
    assert 'aria-current="page"' in html

    data = {**form_data(page), "body": "Ny bakgrund med *kursiv* text."}
    response = client.post(url, data)
    assert response.status_code == 302 and response["Location"] == url
    assert memo.sections.get(order=2).body == "Ny bakgrund med *kursiv* text."
    html = client.get(url).content.decode()
    assert "Ny bakgrund med <em>kursiv</em> text." in html  # the preview shows what was saved
    assert "sparades" in html


def test_saving_a_section_adds_no_empty_record_to_the_memos_history(client, official, memo):
    client.force_login(official)
    url = section_url(memo, 1)
    memo_records, section_records = memo.history.count(), MemoSection.history.filter(memo_id=memo.pk).count()
    client.post(url, {**form_data(client.get(url)), "body": "Ändrad."})
    memo.refresh_from_db()
    assert memo.version == 2
    assert memo.history.count() == memo_records
    assert MemoSection.history.filter(memo_id=memo.pk).count() == section_records + 1


def test_the_memos_own_fields_are_one_part(client, official, memo):
    client.force_login(official)
    url = reverse("reports:memo_edit", args=[memo.pk])
    page = client.get(url)
    assert 'name="body"' not in page.content.decode()
    data = {**form_data(page), "basis": "Tjänsteskrivelse\nBilaga – Överenskommelse Ekonomienheten"}
    assert client.post(url, data).status_code == 302
    memo.refresh_from_db()
    assert memo.basis == ["Tjänsteskrivelse", "Bilaga – Överenskommelse Ekonomienheten"]
    assert "Ekonomienheten" in client.get(memo.get_absolute_url()).content.decode()


@pytest.mark.parametrize("field", ["footnotes", "basis", "decision_points"])
def test_a_null_character_in_a_list_of_lines_is_a_form_error(client, official, memo, field):
    """A line field holds a list, stored as JSON: PostgreSQL's jsonb refuses U+0000, so the form
    must refuse it first (found by tests/test_every_form.py: `basis` "\x00" answered 500)."""
    client.force_login(official)
    url = reverse("reports:memo_edit", args=[memo.pk])
    response = client.post(url, {**form_data(client.get(url)), field: "Ett dokument\nFel\x00tecken"})
    assert response.status_code == 200
    assert "Null-tecken är inte tillåtna." in response.content.decode()
    memo.refresh_from_db()
    assert memo.version == 1


def test_preview_shows_unsaved_text_and_saves_nothing(client, official, memo):
    client.force_login(official)
    url = section_url(memo, 2)
    data = {**form_data(client.get(url)), "body": "Ännu inte sparad text.", "preview": "1"}
    page = client.post(url, data)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Ännu inte sparad text." in html and "inte sparats" in html
    assert 'class="editing"' in html  # the section being edited is marked in the preview

    fragment = client.post(url, data, headers={"X-Memo-Preview": "1"})
    assert fragment.status_code == 200
    assert "Ännu inte sparad text." in fragment.content.decode()
    assert "<html" not in fragment.content.decode() and "<form" not in fragment.content.decode()
    memo.refresh_from_db()
    assert memo.version == 1
    assert "Ännu inte sparad text." not in memo.sections.get(order=2).body


def test_a_section_without_heading_saves_nothing(client, official, memo):
    client.force_login(official)
    url = section_url(memo, 1)
    response = client.post(url, {**form_data(client.get(url)), "heading": ""})
    assert response.status_code == 200
    assert "Inget sparades" in response.content.decode()
    assert memo.sections.get(order=1).heading == "Ärende"


def test_a_new_section_is_added_last_and_opened(client, official, memo):
    client.force_login(official)
    url = reverse("reports:memo_section_create", args=[memo.pk])
    last = memo.sections.order_by("-order").first().order
    data = {**form_data(client.get(url)), "heading": "Bilaga", "body": "Text."}
    response = client.post(url, data)
    section = memo.sections.get(heading="Bilaga")
    assert response["Location"] == reverse("reports:memo_section_edit", args=[memo.pk, section.pk])
    assert section.order == last + 1


def test_a_section_is_removed(client, official, memo):
    client.force_login(official)
    url = section_url(memo, 1)
    data = {**form_data(client.get(url)), "delete": "1"}
    assert client.post(url, data)["Location"] == reverse("reports:memo_edit", args=[memo.pk])
    assert not memo.sections.filter(order=1).exists()


def test_two_editors_of_different_sections_do_not_overwrite_each_other(client, secretary, official, memo):
    """The memo has one version for all its parts: a save of one section makes another
    editor's open form stale, so the memo is never saved from a page that did not show the other's text."""
    first, second = section_url(memo, 1), section_url(memo, 2)
    client.force_login(secretary)
    mine = form_data(client.get(second))
    client.force_login(official)
    assert client.post(first, {**form_data(client.get(first)), "body": "Först."}).status_code == 302

    client.force_login(secretary)
    response = client.post(second, {**mine, "body": "Sedan."})
    assert response.status_code == 409 and "Någon annan har sparat" in response.content.decode()
    assert memo.sections.get(order=1).body == "Först."
    assert memo.sections.get(order=2).body != "Sedan."

    removal = client.post(second, {**mine, "delete": "1"})
    assert removal.status_code == 409
    assert memo.sections.filter(order=2).exists()


def test_a_memo_edit_over_someone_elses_save_is_refused(client, secretary, official, memo):
    url = reverse("reports:memo_edit", args=[memo.pk])
    client.force_login(secretary)
    mine = form_data(client.get(url))
    client.force_login(official)
    theirs = {**form_data(client.get(url)), "case_number": "AN 2022-0815"}
    assert client.post(url, theirs).status_code == 302

    client.force_login(secretary)
    response = client.post(url, {**mine, "title": "Min rubrik"})
    assert response.status_code == 409
    memo.refresh_from_db()
    assert (memo.case_number, memo.title, memo.version) == (
        "AN 2022-0815",
        "IOP med Internationella Kvinnoföreningen",
        2,
    )


def test_the_memo_page_shows_its_history(client, official, demo, memo):
    client.force_login(official)
    url = reverse("reports:memo_edit", args=[memo.pk])
    client.post(url, {**form_data(client.get(url)), "case_number": "AN 2022-0815"})
    latest = client.get(memo.get_absolute_url()).context["history"][0]
    assert (latest.who, latest.action) == ("alice", "ändrad")
    assert [f.new for f in latest.fields] == ["AN 2022-0815"]
    response = client.get(demo["follow_ups"][0].get_absolute_url())
    assert response.context["history"] and "Historik" in response.content.decode()


def test_another_memos_section_is_404(client, official, memo, demo, committee):
    other = Memo.objects.create(title="Annan", date=memo.date, committee=committee, administration="IAF")
    client.force_login(official)
    url = reverse("reports:memo_section_edit", args=[other.pk, memo.sections.first().pk])
    assert client.get(url).status_code == 404
