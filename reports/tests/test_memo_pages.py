"""Drafting and editing memos through their pages."""

import pytest
from django.urls import reverse

from reports.models import Memo

pytestmark = pytest.mark.django_db


def test_new_decision_memo_from_an_agreement(client, official, demo):
    ikf = demo["agreements"]["ikf2023"]
    client.force_login(official)
    form = client.get(reverse("reports:draft_decision_memo"), {"agreement": ikf.pk})
    assert str(form.context["form"]["agreement"].value()) == str(ikf.pk)
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
