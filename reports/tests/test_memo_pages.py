"""Drafting and editing memos through their pages."""

import pytest
from django.urls import reverse

from reports.models import Memo

pytestmark = pytest.mark.django_db


def test_new_decision_memo_from_an_agreement(client, official, demo):
    ikf = demo["agreements"]["ikf2023"]
    client.force_login(official)
    form = client.get(reverse("reports:draft_decision_memo"), {"agreement": ikf.pk})
    assert form.context["form"]["agreement"].value() == str(ikf.pk)
    response = client.post(
        reverse("reports:draft_decision_memo"),
        {
            "agreement": ikf.pk,
            "date": "2022-09-27",
            "partner_name": "Internationella Kvinnoföreningen i Linköping",
            "partner_short_name": "IKF",
        },
    )
    memo = Memo.objects.exclude(pk=demo["decision_memo"].pk).get()
    assert response["Location"] == reverse("reports:memo_edit", args=[memo.pk])
    assert memo.kind == Memo.Kind.NEW_AGREEMENT
    assert memo.created_by == official
    assert memo.decision_points[0].endswith(
        "med Internationella Kvinnoföreningen i Linköping för perioden 2023-01-01 till och med 2024-12-31"
    )


def test_new_follow_up_memo(client, secretary, demo, committee):
    client.force_login(secretary)
    response = client.post(
        reverse("reports:draft_followup_memo"),
        {
            "committee": committee.pk,
            "report_year": "2021",
            "overview_year": "2022",
            "date": "2022-03-30",
            "case_number": "",
        },
    )
    memo = Memo.objects.get(kind=Memo.Kind.FOLLOW_UP)
    assert response.status_code == 302
    assert memo.sections.get(overview_year=2022).heading == "Översikt IOP inom arbetsmarknadsnämnden"


def edit_data(memo: Memo, **changes) -> dict:
    data = {
        "title": memo.title,
        "date": memo.date.isoformat(),
        "case_number": memo.case_number,
        "decision_points": "\n".join(memo.decision_points),
        "basis": "\n".join(memo.basis),
        "administration": memo.administration,
        "signer": memo.signer,
        "recipients": "",
        "footnotes": "\n".join(memo.footnotes),
        "seen_version": str(memo.version),
    }
    sections = list(memo.sections.all())
    data.update(
        {
            "sections-TOTAL_FORMS": str(len(sections) + 1),
            "sections-INITIAL_FORMS": str(len(sections)),
            "sections-MIN_NUM_FORMS": "0",
            "sections-MAX_NUM_FORMS": "1000",
        }
    )
    for index, section in enumerate(sections):
        data.update(
            {
                f"sections-{index}-id": str(section.pk),
                f"sections-{index}-order": str(section.order),
                f"sections-{index}-level": str(section.level),
                f"sections-{index}-heading": section.heading,
                f"sections-{index}-body": section.body,
                f"sections-{index}-overview_year": section.overview_year or "",
            }
        )
    extra = len(sections)  # the empty form for a new section, as the browser sends it
    data.update({f"sections-{extra}-order": "0", f"sections-{extra}-level": "1"})
    data.update(changes)
    return data


def test_every_section_can_be_edited_before_export(client, official, demo):
    memo = demo["decision_memo"]
    client.force_login(official)
    response = client.post(
        reverse("reports:memo_edit", args=[memo.pk]),
        edit_data(
            memo,
            **{
                "sections-1-body": "Ny bakgrund.",
                "recipients": "Internationella Kvinnoföreningen\nEkonomienheten",
            },
        ),
    )
    assert response.status_code == 302
    memo.refresh_from_db()
    assert memo.sections.get(order=2).body == "Ny bakgrund."
    assert memo.recipients == ["Internationella Kvinnoföreningen", "Ekonomienheten"]
    assert memo.history.count() == 2
    html = client.get(memo.get_absolute_url()).content.decode()
    assert "Ny bakgrund." in html and "Ekonomienheten" in html


def test_a_section_without_heading_saves_nothing(client, official, demo):
    memo = demo["decision_memo"]
    client.force_login(official)
    response = client.post(
        reverse("reports:memo_edit", args=[memo.pk]),
        edit_data(memo, **{"sections-0-heading": "", "title": "Ny rubrik"}),
    )
    assert response.status_code == 200
    memo.refresh_from_db()
    assert memo.title == "IOP med Internationella Kvinnoföreningen"
    assert memo.sections.get(order=1).heading == "Ärende"


def test_an_edit_over_someone_elses_save_is_refused(client, secretary, official, demo):
    from conftest import form_data

    memo = demo["decision_memo"]
    url = reverse("reports:memo_edit", args=[memo.pk])
    client.force_login(secretary)
    mine = form_data(client.get(url))
    client.force_login(official)
    theirs = form_data(client.get(url))
    theirs["case_number"] = "AN 2022-0815"
    assert client.post(url, theirs).status_code == 302

    client.force_login(secretary)
    mine["title"] = "Min rubrik"
    response = client.post(url, mine)
    assert response.status_code == 409 and "Någon annan har sparat" in response.content.decode()
    memo.refresh_from_db()
    assert (memo.case_number, memo.title, memo.version) == (
        "AN 2022-0815",
        "IOP med Internationella Kvinnoföreningen",
        2,
    )


def test_memo_and_follow_up_pages_show_their_history(client, official, demo):
    memo = demo["decision_memo"]
    client.force_login(official)
    client.post(reverse("reports:memo_edit", args=[memo.pk]), edit_data(memo, case_number="AN 2022-0815"))
    latest = client.get(memo.get_absolute_url()).context["history"][0]
    assert (latest.who, latest.action) == ("alice", "ändrad")
    assert [(f.new) for f in latest.fields] == ["AN 2022-0815"]
    follow_up = demo["follow_ups"][0]
    response = client.get(follow_up.get_absolute_url())
    assert response.context["history"] and "Historik" in response.content.decode()


@pytest.mark.parametrize("day", ["0001-01-01", "1999-12-31", "2101-01-01"])
def test_a_memo_dated_outside_2000_to_2100_is_a_form_error_not_a_500(client, secretary, demo, committee, day):
    """Found by tests/test_every_form.py: the date reached the database's CHECK and answered 500."""
    client.force_login(secretary)
    memos = Memo.objects.count()
    data = {"committee": committee.pk, "report_year": "2021", "overview_year": "2022", "date": day}
    response = client.post(reverse("reports:draft_followup_memo"), data)
    assert response.status_code == 200
    assert "2000-01-01" in response.content.decode()
    assert Memo.objects.count() == memos
