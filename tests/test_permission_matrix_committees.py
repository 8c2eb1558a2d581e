"""The permission matrix with two committees (issue 13): officials, coordinators and the
secretary of arbetsmarknadsnämnden reach none of socialnämnden's objects.

Every URL of the matrix (tests/test_permission_matrix.py) that takes an object id is asked, by a
user of each municipal role who is a member of arbetsmarknadsnämnden only, for socialnämnden's
object of that kind: read (GET) and write (POST). Where the role may use the page at all the
answer is 404, exactly as for a partner and another organisation's objects; where it may not,
403 as before. Systemförvaltare see every committee. Partners (organisations) are not a
committee's: their pages are left out (`GLOBAL`).

Marked committee_isolation: these users' memberships are made here, not by conftest.
"""

from __future__ import annotations

import hashlib
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts import roles
from accounts.access import Access
from accounts.models import CommitteeMembership
from conftest import make_user
from contracting.tests.factories import stand_in
from initiatives.tests.factories import make_attachment, make_initiative
from meetings.models import Meeting
from participants.tests.factories import AgreementFactory, CommitteeFactory, PlacementFactory
from partnerships.models import AgreementAttachment, AgreementParty, Partner
from payments import services as payments_services
from reports.models import FollowUp, Memo, MemoVersion
from tests.test_permission_matrix import MATRIX, ROLES, url_for

pytestmark = [pytest.mark.committee_isolation, pytest.mark.django_db]

MUNICIPAL = ["official", "coordinator", "secretary"]
GLOBAL = {
    "partner",
    "contact",
    "invitation",
    "user",
    "reset_uid",
    "reset_token",
    "api_token",
    "import_batch",
    "initiative_link",  # the organisation's private link: the link is the permission
}  # no committee's
OBJECT_PAGES = sorted(
    name
    for name, (kwargs, _rule) in MATRIX.items()
    if any(isinstance(value, str) for value in kwargs.values())
    and not {value for value in kwargs.values() if isinstance(value, str)} <= GLOBAL
    # the API answers a browser session 401 on every endpoint (tokens only): api/tests test it
    and not name.startswith("api:")
)
# Pages whose query string names a committee.
COMMITTEE_QUERY_PAGES = {
    "partnerships:overview": "?year=2024&committee={}",
    "reports:overview_xlsx": "?year=2024&committee={}",
    "reports:forecast_xlsx": "?committee={}",
}


def _objects_of(agreement, *, by) -> dict:
    """One object of each kind the matrix asks for, on `agreement` (and its committee)."""
    placement = PlacementFactory(agreement=agreement, start=date(2023, 2, 1))
    memo = Memo.objects.create(
        title="Uppföljning", date=date(2024, 3, 30), committee=agreement.committee, created_by=by
    )
    MemoVersion.objects.create(
        memo=memo,
        number=1,
        pdf=b"%PDF-1.7",
        sha256=hashlib.sha256(b"%PDF-1.7").hexdigest(),
        size=8,
        created_by=by,
    )
    payments_services.set_up_plan(agreement=agreement, frequency=4, by=by)
    stand_in(agreement, by=by)
    meeting = Meeting.objects.create(
        agreement=agreement,
        kind=Meeting.Kind.STEERING_GROUP,
        date=date(2023, 3, 1),
        attendees="Parterna",
        minutes_file=SimpleUploadedFile("p.pdf", b"%PDF-1.7"),
        minutes_name="protokoll.pdf",
        minutes_content_type="application/pdf",
    )
    return {
        "agreement": agreement,
        "instalment": agreement.instalments.order_by("year", "number").first(),
        "meeting": meeting,
        "decision": meeting.decisions.create(text="Ta fram en plan.", owner=by, due_on=date(2023, 4, 1)),
        "placement": placement,
        "ended_placement": PlacementFactory(
            agreement=agreement,
            start=date(2023, 2, 1),
            actual_end=date(2023, 6, 30),
            status="ended",
            end_reason="work",
        ),
        "participant": placement.participant,
        "partner": agreement.parties.get().partner,
        "attachment": AgreementAttachment.objects.create(
            agreement=agreement,
            file=SimpleUploadedFile("a.pdf", b"%PDF-1.7"),
            original_name="a.pdf",
            content_type="application/pdf",
            size=8,
            sha256=hashlib.sha256(b"%PDF-1.7").hexdigest(),
            uploaded_by=by,
        ),
        "memo": memo,
        "section": memo.sections.create(order=1, level=2, heading=agreement.name, agreement=agreement),
        "recipient": memo.recipients.create(name="Ekonomienheten"),
        "follow_up": FollowUp.objects.create(agreement=agreement, year=2023, summary="Text."),
        "initiative": (
            initiative := make_initiative(agreement.committee, title=f"Initiativ i {agreement.committee}")
        ),
        "initiative_attachment": make_attachment(initiative),
    }


@pytest.fixture
def committees(db, django_user_model):
    """Two committees, each with one of everything; a user per municipal role in AN only."""
    an = CommitteeFactory()
    sn = CommitteeFactory(
        name="Socialnämnden (fiktiv)", abbreviation="SN", administration="Socialförvaltningen"
    )
    users = {
        role: make_user(django_user_model, f"an-{role}", getattr(roles, role.upper())) for role in MUNICIPAL
    }
    admin = make_user(django_user_model, "an-admin", roles.ADMINISTRATOR)
    for user in users.values():
        CommitteeMembership.objects.create(user=user, committee=an)
    objects = {}
    for committee, partner_name in ((an, "Föreningen i AN"), (sn, "Föreningen i SN")):
        agreement = AgreementFactory(committee=committee, name=f"Verksamhet hos {committee.abbreviation}")
        AgreementParty.objects.create(agreement=agreement, partner=Partner.objects.create(name=partner_name))
        objects[committee.abbreviation] = _objects_of(agreement, by=admin)
    return {"an": an, "sn": sn, "users": users, "admin": admin, "objects": objects}


def _allowed(name: str, role: str) -> bool:
    return MATRIX[name][1][ROLES.index(role)] in (200, 405, 302)


def test_the_users_reach_their_own_committees_objects(client, committees):
    """The other test's 404s are not an accident of the set-up: with AN's objects the same users
    get what the matrix says."""
    wrong = {}
    for role, user in committees["users"].items():
        client.force_login(user)
        for name in OBJECT_PAGES:
            expected = MATRIX[name][1][ROLES.index(role)]
            got = client.get(url_for(name, committees["objects"]["AN"])).status_code
            if got != expected:
                wrong[(role, name)] = (expected, got)
    assert wrong == {}


def test_no_municipal_role_reads_or_writes_another_committees_objects(client, committees):
    """Read: GET; write: POST (empty: a form that found its object would answer 200 with errors).
    A GET-only page refuses a POST with 405 before it looks anything up, as it does for the
    user's own object."""
    others = committees["objects"]["SN"]
    answers, expected = {}, {}
    for role, user in committees["users"].items():
        client.force_login(user)
        for name in OBJECT_PAGES:
            url = url_for(name, others)
            refused = 404 if _allowed(name, role) else 403
            answers[(role, name, "read")] = client.get(url).status_code
            expected[(role, name, "read")] = 405 if MATRIX[name][1][ROLES.index(role)] == 405 else refused
            answers[(role, name, "write")] = client.post(url, {}).status_code
            get_only = (
                refused == 404 and client.post(url_for(name, committees["objects"]["AN"])).status_code == 405
            )
            expected[(role, name, "write")] = 405 if get_only else refused
    leaks = {case: got for case, got in answers.items() if got != expected[case]}
    assert leaks == {}, "(role, url name, read/write): status"
    reached = [case for case, got in answers.items() if got < 300 or got in (302,)]
    assert reached == []  # 0 cross-committee reads or writes
    assert len(answers) == len(MUNICIPAL) * len(OBJECT_PAGES) * 2


def test_a_systemforvaltare_reaches_every_committee(client, committees):
    admin = committees["admin"]
    admin.is_staff = True
    admin.save(update_fields=["is_staff"])
    admin.totpdevice_set.create(name="app", confirmed=True)
    client.force_login(admin)
    others = committees["objects"]["SN"]
    for name in ("partnerships:agreement_detail", "reports:followup_detail", "reports:memo_detail"):
        assert client.get(url_for(name, others)).status_code == 200


def test_another_committee_named_in_the_query_string_is_refused(client, committees):
    sn = committees["sn"]
    for role, user in committees["users"].items():
        client.force_login(user)
        for name, query in COMMITTEE_QUERY_PAGES.items():
            if not _allowed(name, role):
                continue
            response = client.get(reverse(name) + query.format(sn.pk))
            if name == "partnerships:overview":  # the filter refuses a choice it does not offer
                assert committees["objects"]["SN"]["agreement"].name not in response.content.decode()
            else:
                assert response.status_code == 404, (role, name)


def test_no_list_page_names_another_committees_agreement(client, committees):
    """Every page without an object id (the start page, overview, forecast, search, lists,
    the spreadsheets) leaves socialnämnden's agreement out."""
    theirs = committees["objects"]["SN"]["agreement"].name
    ours = committees["objects"]["AN"]["agreement"].name
    # the public page (/offentligt/) and its open data list every committee's decided agreements
    # for anyone, by design
    public = {"partnerships:public", "opendata:csv", "opendata:json", "opendata:dcat"}
    pages = [name for name, (kwargs, _rule) in MATRIX.items() if not kwargs and name not in public]
    queries = {
        "search": "?q=Verksamhet",
        "reports:overview_xlsx": "?year=2024",
        "partnerships:overview": "?year=2024",
    }
    seen_ours = set()
    for role, user in committees["users"].items():
        client.force_login(user)
        for name in pages:
            response = client.get(reverse(name) + queries.get(name, ""))
            if response.status_code != 200 or response.get("Content-Type", "").startswith("application/"):
                continue
            content = response.content.decode()
            assert theirs not in content, (role, name)
            if ours in content:
                seen_ours.add(name)
    assert {"partnerships:overview", "search", "partnerships:forecast"} <= seen_ours


def test_the_spreadsheets_hold_their_own_committees_rows_only(client, committees):
    from io import BytesIO

    from openpyxl import load_workbook

    client.force_login(committees["users"]["secretary"])
    response = client.get(reverse("reports:overview_xlsx") + "?year=2024")
    cells = {str(c.value) for row in load_workbook(BytesIO(response.content)).active.iter_rows() for c in row}
    assert committees["objects"]["AN"]["agreement"].name in cells
    assert committees["objects"]["SN"]["agreement"].name not in cells


def test_the_cached_overview_is_never_another_committees(client, committees, django_user_model):
    """The overview is cached (partnerships/overview.py); an SN official asking right after an AN
    official gets SN's rows, not AN's from the cache."""
    sn_official = make_user(django_user_model, "sn-official", roles.OFFICIAL)
    CommitteeMembership.objects.create(user=sn_official, committee=committees["sn"])
    nobody = make_user(django_user_model, "no-committee", roles.OFFICIAL)
    url = reverse("partnerships:overview") + "?year=2024"
    client.force_login(committees["users"]["official"])
    assert [row.name for row in client.get(url).context["overview"].rows] == ["Verksamhet hos AN"]
    client.force_login(sn_official)
    assert [row.name for row in client.get(url).context["overview"].rows] == ["Verksamhet hos SN"]
    client.force_login(nobody)
    assert client.get(url).context["overview"].rows == ()


def test_the_forms_offer_only_the_users_committees(client, committees):
    client.force_login(committees["users"]["official"])
    form = client.get(reverse("partnerships:agreement_create")).context["form"]
    assert list(form.fields["committee"].queryset) == [committees["an"]]
    assert committees["objects"]["SN"]["agreement"] not in form.fields["predecessor"].queryset
    client.force_login(committees["users"]["secretary"])
    form = client.get(reverse("reports:draft_followup_memo")).context["form"]
    assert list(form.fields["committee"].queryset) == [committees["an"]]
    form = client.get(reverse("reports:draft_decision_memo")).context["form"]
    assert list(form.fields["agreement"].queryset) == [committees["objects"]["AN"]["agreement"]]


def test_an_agreement_cannot_be_registered_for_another_committee(client, committees):
    from partnerships.models import Agreement

    client.force_login(committees["users"]["official"])
    before = Agreement.objects.count()
    response = client.post(reverse("partnerships:agreement_create"), {"committee": committees["sn"].pk})
    assert response.status_code == 200 and "committee" in response.context["form"].errors
    assert Agreement.objects.count() == before


def test_a_coordinator_assigns_to_own_committees_agreements_only(client, committees):
    from participants.tests.factories import ParticipantFactory

    participant = ParticipantFactory()  # not placed anywhere yet: every coordinator may place them
    client.force_login(committees["users"]["coordinator"])
    url = reverse("participants:assign", args=[participant.pk])
    response = client.get(url + "?start=2024-03-01")
    offered = {option.agreement for option in response.context["options"]}
    assert offered == {committees["objects"]["AN"]["agreement"]}
    response = client.post(
        url,
        {"agreement": committees["objects"]["SN"]["agreement"].pk, "start": "2024-03-01", "days_per_week": 2},
    )
    assert response.status_code == 200 and "agreement" in response.context["form"].errors
    assert not participant.placements.exists()


def test_a_participant_placed_in_both_shows_only_the_own_committees_placement(client, committees):
    an_placement = committees["objects"]["AN"]["placement"]
    sn_agreement = committees["objects"]["SN"]["agreement"]
    PlacementFactory(participant=an_placement.participant, agreement=sn_agreement, start=date(2024, 1, 10))
    client.force_login(committees["users"]["coordinator"])
    response = client.get(reverse("participants:detail", args=[an_placement.participant.pk]))
    assert response.status_code == 200
    assert [p.agreement for p in response.context["placements"]] == [an_placement.agreement]
    assert sn_agreement.name not in response.content.decode()
    assert Access(committees["users"]["coordinator"]).committee_ids == {committees["an"].pk}
