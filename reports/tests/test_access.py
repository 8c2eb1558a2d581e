"""Who may draft, export and read memos and follow-ups: one row per page and role."""

import pytest
from django.urls import reverse

from reports.exports import export_memo

pytestmark = pytest.mark.django_db

ROLES = ["official", "secretary", "administrator", "coordinator", "partner_user"]
WRITERS = {"official", "secretary", "administrator"}


@pytest.fixture
def urls(demo, secretary):
    memo = demo["decision_memo"]
    export_memo(memo=memo, by=secretary)
    follow_up = demo["follow_ups"][0]
    agreement = demo["agreements"]["hoppfull"]
    return {
        "memo_list": (reverse("reports:memo_list"), WRITERS),
        "memo_detail": (memo.get_absolute_url(), WRITERS),
        "memo_edit": (reverse("reports:memo_edit", args=[memo.pk]), WRITERS),
        "draft_followup_memo": (reverse("reports:draft_followup_memo"), WRITERS),
        "draft_decision_memo": (reverse("reports:draft_decision_memo"), WRITERS),
        "memo_version_pdf": (reverse("reports:memo_version_pdf", args=[memo.pk, 1]), WRITERS),
        "followup_list": (reverse("reports:followup_list") + "?year=2021", WRITERS | {"coordinator"}),
        "followup_detail": (follow_up.get_absolute_url(), WRITERS | {"coordinator"}),
        "followup_create": (reverse("reports:followup_create", args=[agreement.pk, 2022]), WRITERS),
        "overview_xlsx": (reverse("reports:overview_xlsx") + "?year=2022", WRITERS | {"coordinator"}),
    }


@pytest.mark.parametrize("role", ROLES)
def test_pages_per_role(client, request, urls, role):
    client.force_login(request.getfixturevalue(role))
    for name, (url, allowed) in urls.items():
        expected = 200 if role in allowed else 403
        assert (name, client.get(url).status_code) == (name, expected)


@pytest.mark.parametrize("role", ["coordinator", "partner_user"])
def test_only_writers_export(client, request, demo, role):
    client.force_login(request.getfixturevalue(role))
    response = client.post(reverse("reports:memo_export", args=[demo["decision_memo"].pk]))
    assert response.status_code == 403
    assert not demo["decision_memo"].versions.exists()


def test_anonymous_users_are_sent_to_log_in(client, demo):
    response = client.get(demo["decision_memo"].get_absolute_url())
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(
    ("role", "shown"), [("secretary", True), ("coordinator", False), ("partner_user", False)]
)
def test_the_navigation_shows_memos_to_those_who_write_them(client, request, seed, role, shown):
    client.force_login(request.getfixturevalue(role))
    html = client.get(
        reverse("partnerships:overview") if role != "partner_user" else reverse("login")
    ).content.decode()
    assert (f'href="{reverse("reports:memo_list")}"' in html) is shown


def test_memos_and_follow_ups_hold_no_personal_data():
    """Aggregates only: no field of these models points at a person other than the staff user
    who acted, and none is named like a personal identity number."""
    from reports.models import FollowUp, Memo, MemoSection

    for model in (FollowUp, Memo, MemoSection):
        for field in model._meta.get_fields():
            if field.is_relation and field.related_model is not None:
                assert field.related_model._meta.label in {
                    "auth.User",
                    "partnerships.Agreement",
                    "partnerships.Committee",
                    "reports.Memo",
                    "reports.MemoSection",
                    "reports.MemoVersion",
                    "reports.PreparedPdf",  # the memo's own PDF, rendered ahead
                    "reports.CommitteeDecision",  # the committee's decision on it (issue 23)
                    "reports.MemoRecipient",  # who the decision is sent to: units and partners
                    "reports.ReportedContribution",  # what each party contributed (issue 24): amounts
                    f"reports.Historical{model.__name__}",
                }, (model, field.name)
            assert "personnummer" not in field.name and "ssn" not in field.name
