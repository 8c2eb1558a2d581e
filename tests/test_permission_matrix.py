"""Every URL of the project, for anonymous users and each role, with the status it must answer.

URLs are read from the resolver, so a new page without a row here fails
`test_every_url_has_a_rule`. GET only: a POST-only page answers 405 to those allowed to use
it, and whatever refuses everyone else (login, 403, 404) before that.
"""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from accounts import invitations
from accounts import permissions as accounts_permissions
from accounts.models import CommitteeMembership, PartnerMembership
from api.models import ApiToken
from archive import permissions as archive_permissions
from contracting import permissions as contracting_permissions
from contracting.tests.factories import stand_in
from imports.models import ImportBatch
from initiatives import permissions as initiatives_permissions
from initiatives.services import follow_path
from initiatives.tests.factories import make_attachment, make_initiative
from meetings import permissions as meetings_permissions
from meetings.models import Decision, Meeting
from participants import permissions as participants_permissions
from participants.tests.factories import (
    AgreementFactory,
    CommitteeFactory,
    ParticipantFactory,
    PlacementFactory,
)
from partnerships import permissions as partnerships_permissions
from partnerships.models import Agreement, AgreementAttachment, AgreementParty, Partner, Termination
from payments import permissions as payments_permissions
from payments import services as payments_services
from portal import permissions as portal_permissions
from reports import permissions as reports_permissions
from reports.models import FollowUp, Memo, MemoVersion

ROLES = ["anonymous", "official", "coordinator", "secretary", "partner", "administrator"]
LOGIN = "login"  # expected: a redirect to the login page
NOTHING = object()  # a predicate asked without an object

# Columns in ROLES order: anonymous, official, coordinator, secretary, partner (IKF), administrator.
EVERYONE_LOGGED_IN = (LOGIN, 200, 200, 200, 200, 200)
STAFF_EXCEPT_PARTNER = (LOGIN, 200, 200, 200, 403, 200)
OFFICIAL_ADMIN = (LOGIN, 200, 403, 403, 403, 200)
COORDINATOR_ADMIN = (LOGIN, 403, 200, 403, 403, 200)
MEMO_WRITERS = (LOGIN, 200, 403, 200, 403, 200)
PARTNER_ONLY = (LOGIN, 403, 403, 403, 200, 403)
ADMIN_ONLY = (LOGIN, 403, 403, 403, 403, 200)
API_TOKEN_ONLY = (401, 401, 401, 401, 401, 401)


def post_only(rule):
    """The same rule for a POST-only page: 405 where GET would have been allowed."""
    return tuple(405 if status == 200 else status for status in rule)


# url name -> (how to build its kwargs from the objects, expected statuses by role)
MATRIX = {
    "home": ({}, EVERYONE_LOGGED_IN),
    "search": ({}, STAFF_EXCEPT_PARTNER),
    "notifications:list": ({}, EVERYONE_LOGGED_IN),
    "login": ({}, (200, 200, 200, 200, 200, 200)),
    "logout": ({}, (405, 405, 405, 405, 405, 405)),
    # single sign-on (accounts/sso.py): not configured here, so not there (tests/test_sso.py)
    "sso_login": ({}, (404, 404, 404, 404, 404, 404)),
    "sso_callback": ({}, (404, 404, 404, 404, 404, 404)),
    "sso_refused": ({}, (404, 404, 404, 404, 404, 404)),
    "password_change": ({}, EVERYONE_LOGGED_IN),
    "password_change_done": ({}, EVERYONE_LOGGED_IN),
    "accounts:account": ({}, EVERYONE_LOGGED_IN),
    # the administrator has already passed the second factor: set-up and verify send them on
    "accounts:otp_setup": ({}, (LOGIN, 200, 200, 200, 200, 302)),
    "accounts:otp_verify": ({}, (LOGIN, 200, 200, 200, 200, 302)),
    # the link itself is the permission: anyone holding it (logged in or not) may use it once
    "accounts:invitation_accept": ({"token": "invitation"}, (200, 200, 200, 200, 200, 200)),
    # only a user with a second factor (here the administrator) has recovery codes
    "accounts:recovery_codes": ({}, (LOGIN, 302, 302, 302, 302, 200)),
    "accounts:second_factor_reset": ({"pk": "user"}, ADMIN_ONLY),
    "accounts:access_history": ({}, ADMIN_ONLY),
    "accounts:password_reset": ({}, (200, 200, 200, 200, 200, 200)),
    "accounts:password_reset_done": ({}, (200, 200, 200, 200, 200, 200)),
    # a link that is not (or no longer) valid: the page says so, to anyone
    "accounts:password_reset_confirm": (
        {"uidb64": "reset_uid", "token": "reset_token"},
        (200, 200, 200, 200, 200, 200),
    ),
    "accounts:password_reset_complete": ({}, (200, 200, 200, 200, 200, 200)),
    "portal:home": ({}, PARTNER_ONLY),
    "portal:agreement": ({"pk": "agreement"}, PARTNER_ONLY),
    "portal:followup_edit": ({"pk": "agreement", "year": 2024}, PARTNER_ONLY),
    "portal:followup_detail": ({"pk": "follow_up"}, PARTNER_ONLY),
    "portal:placement": ({"pk": "placement"}, PARTNER_ONLY),
    "portal:attendance_record": ({"pk": "placement"}, post_only(PARTNER_ONLY)),
    "portal:attendance_week": ({"pk": "agreement"}, PARTNER_ONLY),
    "portal:note_create": ({"pk": "placement"}, post_only(PARTNER_ONLY)),
    "portal:agreement_document": ({"pk": "agreement"}, PARTNER_ONLY),
    "participants:list": ({}, COORDINATOR_ADMIN),
    "participants:create": ({}, COORDINATOR_ADMIN),
    "participants:detail": ({"pk": "participant"}, COORDINATOR_ADMIN),
    "participants:edit": ({"pk": "participant"}, COORDINATOR_ADMIN),
    "participants:assign": ({"pk": "participant"}, COORDINATOR_ADMIN),
    "participants:placement_edit": ({"pk": "placement"}, COORDINATOR_ADMIN),
    "participants:placement_end": ({"pk": "placement"}, COORDINATOR_ADMIN),
    "participants:placement_start": ({"pk": "placement"}, post_only(COORDINATOR_ADMIN)),
    "participants:note_create": ({"pk": "placement"}, COORDINATOR_ADMIN),
    "participants:placement_outcomes": ({"pk": "ended_placement"}, COORDINATOR_ADMIN),
    "participants:agreement_participants": ({"pk": "agreement"}, COORDINATOR_ADMIN),
    "participants:extract": ({"pk": "participant"}, COORDINATOR_ADMIN),
    "participants:extract_json": ({"pk": "participant"}, COORDINATOR_ADMIN),
    "audit:access_log": ({}, ADMIN_ONLY),
    "audit:retention_runs": ({}, ADMIN_ONLY),
    "participants:retention_due": ({}, ADMIN_ONLY),
    "partnerships:overview": ({}, STAFF_EXCEPT_PARTNER),
    "partnerships:forecast": ({}, STAFF_EXCEPT_PARTNER),
    "partnerships:agreement_create": ({}, OFFICIAL_ADMIN),
    "partnerships:agreement_detail": ({"pk": "agreement"}, EVERYONE_LOGGED_IN),
    "partnerships:agreement_edit": ({"pk": "agreement"}, OFFICIAL_ADMIN),
    "partnerships:agreement_renew": ({"pk": "agreement"}, OFFICIAL_ADMIN),
    "partnerships:attachment_upload": ({"pk": "agreement"}, post_only(OFFICIAL_ADMIN)),
    "partnerships:amendment_create": ({"pk": "agreement"}, post_only(OFFICIAL_ADMIN)),
    # issue 26: the contacts that act for an agreement, and ending it early
    "partnerships:agreement_contacts": ({"pk": "agreement"}, post_only(OFFICIAL_ADMIN)),
    "terminations:terminate": ({"pk": "agreement"}, OFFICIAL_ADMIN),
    "partnerships:attachment_download": (
        {"pk": "agreement", "attachment_pk": "attachment"},
        EVERYONE_LOGGED_IN,
    ),
    "partnerships:public": ({}, (200, 200, 200, 200, 200, 200)),
    # the public page's open data (issue 24): for anyone, like the page
    "opendata:csv": ({}, (200, 200, 200, 200, 200, 200)),
    "opendata:json": ({}, (200, 200, 200, 200, 200, 200)),
    "opendata:dcat": ({}, (200, 200, 200, 200, 200, 200)),
    "partnerships:partner_list": ({}, STAFF_EXCEPT_PARTNER),
    "partnerships:partner_create": ({}, OFFICIAL_ADMIN),
    "partnerships:partner_detail": ({"pk": "partner"}, STAFF_EXCEPT_PARTNER),
    "partnerships:partner_edit": ({"pk": "partner"}, OFFICIAL_ADMIN),
    "partnerships:contact_extract": ({"pk": "partner", "contact_pk": "contact"}, OFFICIAL_ADMIN),
    "partnerships:partner_invite": ({"pk": "partner"}, post_only(OFFICIAL_ADMIN)),
    "partnerships:partner_member_status": ({"pk": "partner"}, post_only(OFFICIAL_ADMIN)),
    "payments:payment_list": ({}, MEMO_WRITERS),
    "payments:export_xlsx": ({}, MEMO_WRITERS),
    "payments:export_csv": ({}, MEMO_WRITERS),
    "payments:plan_detail": ({"pk": "agreement"}, MEMO_WRITERS),
    "payments:instalment_paid": ({"pk": "instalment"}, post_only(OFFICIAL_ADMIN)),
    "payments:instalment_withhold": ({"pk": "instalment"}, post_only(OFFICIAL_ADMIN)),
    # The agreement document (issue 23): officials write, the secretary reads; the objects'
    # document is decided and signed, so its editor sends an official back to the document page.
    "contracting:document": ({"pk": "agreement"}, MEMO_WRITERS),
    "contracting:document_start": ({"pk": "agreement"}, post_only(OFFICIAL_ADMIN)),
    "contracting:document_edit": ({"pk": "agreement"}, (LOGIN, 302, 403, 403, 403, 302)),
    "contracting:version": ({"pk": "agreement", "number": 1}, MEMO_WRITERS),
    "contracting:version_pdf": ({"pk": "agreement", "number": 1}, MEMO_WRITERS),
    "contracting:version_docx": ({"pk": "agreement", "number": 1}, MEMO_WRITERS),
    "contracting:version_decide": ({"pk": "agreement", "number": 1}, post_only(OFFICIAL_ADMIN)),
    "contracting:signature_upload": ({"pk": "agreement"}, OFFICIAL_ADMIN),
    "contracting:signature_pdf": ({"pk": "agreement", "number": 1}, MEMO_WRITERS),
    "contracting:signature_seal": ({"pk": "agreement", "number": 1}, post_only(OFFICIAL_ADMIN)),
    "meetings:agreement_meetings": ({"pk": "agreement"}, STAFF_EXCEPT_PARTNER),
    "meetings:meeting_detail": ({"pk": "meeting"}, STAFF_EXCEPT_PARTNER),
    "meetings:minutes_download": ({"pk": "meeting"}, STAFF_EXCEPT_PARTNER),
    "meetings:decision_done": ({"pk": "decision"}, post_only(OFFICIAL_ADMIN)),
    "reports:memo_list": ({}, MEMO_WRITERS),
    "reports:draft_followup_memo": ({}, MEMO_WRITERS),
    "reports:draft_decision_memo": ({}, MEMO_WRITERS),
    "reports:memo_detail": ({"pk": "memo"}, MEMO_WRITERS),
    "reports:memo_edit": ({"pk": "memo"}, MEMO_WRITERS),
    "reports:memo_section_create": ({"pk": "memo"}, MEMO_WRITERS),
    "reports:memo_section_edit": ({"pk": "memo", "section_pk": "section"}, MEMO_WRITERS),
    "reports:memo_docx": ({"pk": "memo"}, MEMO_WRITERS),
    "reports:memo_section_fill": ({"pk": "memo", "section_pk": "section"}, post_only(MEMO_WRITERS)),
    "reports:memo_export": ({"pk": "memo"}, post_only(MEMO_WRITERS)),
    "reports:memo_version_pdf": ({"pk": "memo", "number": 1}, MEMO_WRITERS),
    # the committee's decision and the dispatch (issue 23): those who write the memos
    "reports:memo_decision": ({"pk": "memo"}, MEMO_WRITERS),
    "reports:memo_recipients": ({"pk": "memo"}, MEMO_WRITERS),
    "reports:memo_recipient_send": ({"pk": "memo", "recipient_pk": "recipient"}, post_only(MEMO_WRITERS)),
    # the whole case as an archive package (issue 23): the officials and the secretary
    "archive:package": ({"pk": "agreement"}, MEMO_WRITERS),
    "reports:overview_xlsx": ({}, STAFF_EXCEPT_PARTNER),
    "reports:forecast_xlsx": ({}, STAFF_EXCEPT_PARTNER),
    "reports:followup_list": ({}, STAFF_EXCEPT_PARTNER),
    "reports:followup_create": ({"agreement_pk": "agreement", "year": 2024}, MEMO_WRITERS),
    "reports:followup_detail": ({"pk": "follow_up"}, STAFF_EXCEPT_PARTNER),
    "reports:followup_edit": ({"pk": "follow_up"}, MEMO_WRITERS),
    "reports:followup_submit": ({"pk": "follow_up"}, post_only(MEMO_WRITERS)),
    "reports:followup_approve": ({"pk": "follow_up"}, post_only(MEMO_WRITERS)),
    "reports:followup_send_back": ({"pk": "follow_up"}, post_only(MEMO_WRITERS)),
    # the accessibility statement (issue 14): for everyone, logged in or not
    "accessibility": ({}, (200, 200, 200, 200, 200, 200)),
    # The API takes tokens only (api/tests test them per role): a browser's session gets 401.
    "api:agreement-list": ({}, API_TOKEN_ONLY),
    "api:agreement-detail": ({"pk": "agreement"}, API_TOKEN_ONLY),
    "api:agreement-key-figures": ({"pk": "agreement"}, API_TOKEN_ONLY),
    "api:partner-list": ({}, API_TOKEN_ONLY),
    "api:partner-detail": ({"pk": "partner"}, API_TOKEN_ONLY),
    "api:committee-list": ({}, API_TOKEN_ONLY),
    "api:committee-detail": ({"pk": 1}, API_TOKEN_ONLY),
    "api:followup-list": ({}, API_TOKEN_ONLY),
    "api:followup-detail": ({"pk": "follow_up"}, API_TOKEN_ONLY),
    "api:memo-list": ({}, API_TOKEN_ONLY),
    "api:memo-detail": ({"pk": "memo"}, API_TOKEN_ONLY),
    "api:documentversion-list": ({}, API_TOKEN_ONLY),
    "api:documentversion-detail": ({"pk": 1}, API_TOKEN_ONLY),
    "api:signature-list": ({}, API_TOKEN_ONLY),
    "api:signature-detail": ({"pk": 1}, API_TOKEN_ONLY),
    "api:forecast": ({}, API_TOKEN_ONLY),
    "api:key_figures": ({}, API_TOKEN_ONLY),
    # the API's description is public: it holds no data
    "api:schema": ({}, (200, 200, 200, 200, 200, 200)),
    "api:docs": ({}, (200, 200, 200, 200, 200, 200)),
    "api:token_create": ({}, post_only(EVERYONE_LOGGED_IN)),
    "api:token_revoke": ({"pk": "api_token"}, post_only(EVERYONE_LOGGED_IN)),
    # Import: an official's own uploads only (the administrator sees no one else's preview).
    "imports:upload": ({}, OFFICIAL_ADMIN),
    "imports:preview": ({"pk": "import_batch"}, (LOGIN, 200, 403, 403, 403, 404)),
    "imports:confirm": ({"pk": "import_batch"}, post_only(OFFICIAL_ADMIN)),
    "imports:template": ({}, OFFICIAL_ADMIN),
    # Downloads of the lists, for whoever sees the list (exports/views.py)
    "exports:overview": ({}, STAFF_EXCEPT_PARTNER),
    "exports:partners": ({}, STAFF_EXCEPT_PARTNER),
    "exports:follow_ups": ({}, STAFF_EXCEPT_PARTNER),
    "exports:forecast": ({}, STAFF_EXCEPT_PARTNER),
    "exports:key_figures": ({}, STAFF_EXCEPT_PARTNER),
    "exports:occupancy": ({"pk": "agreement"}, STAFF_EXCEPT_PARTNER),
    "exports:access_log": ({}, ADMIN_ONLY),
    # Initiatives (issue 23): the intake and the organisation's private link for anyone; the
    # committee's officials assess; a partner user proposes from the portal.
    "initiatives:intake": ({}, (200, 200, 200, 200, 200, 200)),
    "initiatives:follow": ({"signed": "initiative_link"}, (200, 200, 200, 200, 200, 200)),
    "initiatives:list": ({}, OFFICIAL_ADMIN),
    "initiatives:detail": ({"pk": "initiative"}, OFFICIAL_ADMIN),
    "initiatives:ask": ({"pk": "initiative"}, post_only(OFFICIAL_ADMIN)),
    "initiatives:assess": ({"pk": "initiative"}, OFFICIAL_ADMIN),
    "initiatives:proceed": ({"pk": "initiative"}, post_only(OFFICIAL_ADMIN)),
    "initiatives:decline": ({"pk": "initiative"}, post_only(OFFICIAL_ADMIN)),
    "initiatives:attachment_download": (
        {"pk": "initiative", "attachment_pk": "initiative_attachment"},
        OFFICIAL_ADMIN,
    ),
    "portal:initiative_create": ({}, PARTNER_ONLY),
    "exports:initiatives": ({}, OFFICIAL_ADMIN),
    "api:initiative-list": ({}, API_TOKEN_ONLY),
    "api:initiative-detail": ({"pk": "initiative"}, API_TOKEN_ONLY),
    # answered to everyone without a login; 503 here because no task worker runs in the test
    "health": ({}, (503, 503, 503, 503, 503, 503)),
}

# Pages a partner user may reach for its own organisation's objects: with another
# organisation's object they must answer 404, never 200 or 403.
PARTNER_OBJECT_PAGES = [
    "portal:agreement",
    "portal:followup_edit",
    "portal:followup_detail",
    "portal:placement",
    "portal:attendance_record",
    "portal:note_create",
    "portal:agreement_document",
    "partnerships:agreement_detail",
    "partnerships:attachment_download",
]


def url_names(patterns=None, namespace=None):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, [namespace, pattern.namespace])) or None
            yield from url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def test_every_url_has_a_rule():
    names = {name for name in url_names() if not name.startswith("admin:")}
    assert sorted(names - set(MATRIX)) == [], "a page without a rule in the permission matrix"
    assert sorted(set(MATRIX) - names) == [], "a rule for a page that no longer exists"


@pytest.fixture
def objects(seed, official, secretary):
    """One of everything, belonging to IKF (the partner user's organisation) where it can,
    and the same kinds belonging to another organisation."""
    ikf, other = seed["ikf2023"], seed["hoppfull"]
    own_placement = PlacementFactory(agreement=ikf, start=date(2023, 2, 1))
    other_placement = PlacementFactory(agreement=other, start=date(2022, 2, 1))

    def ended(agreement, start):
        return PlacementFactory(
            agreement=agreement,
            start=start,
            actual_end=start.replace(month=6),
            status="ended",
            end_reason="work",
        )

    def attach(agreement):
        return AgreementAttachment.objects.create(
            agreement=agreement,
            file=SimpleUploadedFile("a.pdf", b"%PDF-1.7"),
            original_name="a.pdf",
            content_type="application/pdf",
            size=8,
            sha256=hashlib.sha256(b"%PDF-1.7").hexdigest(),
            uploaded_by=official,
        )

    def first_instalment(agreement):
        payments_services.set_up_plan(agreement=agreement, frequency=4, by=official)
        return agreement.instalments.order_by("year", "number").first()

    def meeting(agreement):
        return Meeting.objects.create(
            agreement=agreement,
            kind=Meeting.Kind.STEERING_GROUP,
            date=date(2023, 3, 1),
            attendees="IKF, AN",
            minutes_file=SimpleUploadedFile("p.pdf", b"%PDF-1.7"),
            minutes_name="protokoll.pdf",
            minutes_content_type="application/pdf",
        )

    stand_in(ikf, by=official)
    stand_in(other, by=official)
    memo = Memo.objects.create(
        title="Uppföljning", date=date(2022, 3, 30), committee=ikf.committee, created_by=secretary
    )
    MemoVersion.objects.create(
        memo=memo,
        number=1,
        pdf=b"%PDF-1.7",
        sha256=hashlib.sha256(b"%PDF-1.7").hexdigest(),
        size=8,
        created_by=secretary,
    )
    own = {
        "agreement": ikf,
        "placement": own_placement,
        "ended_placement": ended(ikf, date(2023, 2, 1)),
        "participant": own_placement.participant,
        "partner": ikf.parties.get().partner,
        "contact": ikf.parties.get().partner.contacts.first(),  # the demo's (partnerships/demo.py)
        "attachment": attach(ikf),
        "memo": memo,
        "section": memo.sections.create(order=1, level=2, heading=ikf.name, agreement=ikf),
        "recipient": memo.recipients.create(name="Ekonomienheten"),
        "follow_up": FollowUp.objects.create(agreement=ikf, year=2023, summary="Text."),
        "user": official,
        # a password reset's form page without the token in the session: not a valid link
        "reset_uid": SimpleNamespace(pk="MQ"),
        "reset_token": SimpleNamespace(pk="set-password"),
        # an invitation's link: its token stands where the other pages have a primary key
        "invitation": SimpleNamespace(
            pk=invitations.invite(
                partner=ikf.parties.get().partner, email="ny@example.org", by=official
            ).token
        ),
        "instalment": first_instalment(ikf),
        "meeting": (own_meeting := meeting(ikf)),
        "decision": own_meeting.decisions.create(
            text="Ta fram en plan.", owner=official, due_on=date(2023, 4, 1)
        ),
        "api_token": ApiToken.issue(user=official, name="Ekonomisystemet")[0],
        "import_batch": ImportBatch.objects.create(kind="partners", file_name="p.csv", created_by=official),
        "initiative": (initiative := make_initiative(ikf.committee)),
        "initiative_attachment": make_attachment(initiative),
        # the private link: its signed token stands where the other pages have a primary key
        "initiative_link": SimpleNamespace(pk=follow_path(initiative).rstrip("/").rsplit("/", 1)[1]),
    }
    others = {
        **own,
        "agreement": other,
        "placement": other_placement,
        "ended_placement": ended(other, date(2022, 2, 1)),
        "participant": other_placement.participant,
        "partner": other.parties.get().partner,
        "contact": other.parties.get().partner.contacts.create(name="Annan Person", role="chair"),
        "attachment": attach(other),
        "follow_up": FollowUp.objects.create(agreement=other, year=2023, summary="Text."),
        "instalment": first_instalment(other),
        "meeting": (other_meeting := meeting(other)),
        "decision": other_meeting.decisions.create(
            text="Boka lokal.", owner=official, due_on=date(2023, 4, 1)
        ),
    }
    return own, others


@pytest.fixture
def users(official, coordinator, secretary, partner_user, administrator, objects):
    PartnerMembership.objects.create(user=partner_user, partner=objects[0]["partner"])
    return {
        "anonymous": None,
        "official": official,
        "coordinator": coordinator,
        "secretary": secretary,
        "partner": partner_user,
        "administrator": administrator,
    }


# Pages that need a query string to say what they show.
QUERY = {
    "reports:overview_xlsx": "?year=2022",
    "search": "?q=Inkludering",
    "imports:template": "?kind=partners&format=csv",
}


def url_for(name: str, objects: dict) -> str:
    kwargs_spec, _rule = MATRIX[name]
    kwargs = {
        key: objects[value].pk if isinstance(value, str) else value for key, value in kwargs_spec.items()
    }
    return reverse(name, kwargs=kwargs) + QUERY.get(name, "")


def status_of(response) -> int | str:
    if response.status_code == 302 and response.url.startswith(reverse("login")):
        return LOGIN
    return response.status_code


@pytest.mark.parametrize("role", ROLES)
def test_every_url_answers_each_role_as_the_matrix_says(client, users, objects, role):
    own, _others = objects
    user = users[role]
    if user is not None:
        client.force_login(user)
    wrong = {}
    for name, (_kwargs, rule) in MATRIX.items():
        expected = rule[ROLES.index(role)]
        got = status_of(client.get(url_for(name, own)))
        if got != expected:
            wrong[name] = (expected, got)
    assert wrong == {}, "url name: (expected, got)"


def test_a_partner_gets_404_for_another_organisations_objects(client, users, objects):
    _own, others = objects
    client.force_login(users["partner"])
    answers = {
        name: (client.post if MATRIX[name][1][ROLES.index("partner")] == 405 else client.get)(
            url_for(name, others)
        ).status_code
        for name in PARTNER_OBJECT_PAGES
    }
    assert answers == {name: 404 for name in PARTNER_OBJECT_PAGES}


@pytest.mark.parametrize("role", ROLES)
def test_the_admin_site_is_for_administrators_only(client, users, role):
    user = users[role]
    if user is not None:
        client.force_login(user)
    response = client.get("/admin/")
    if role == "administrator":
        assert response.status_code == 200
    else:
        assert response.status_code == 302 and response.url.startswith("/admin/login/")


# --- The named predicates (each app's permissions.py): one test each, every role. ---


@pytest.fixture
def accesses(official, coordinator, secretary, partner_user, administrator):
    from accounts.access import Access

    partner = Partner.objects.create(name="Föreningen")
    PartnerMembership.objects.create(user=partner_user, partner=partner)
    return {
        "anonymous": Access(AnonymousUser()),
        "official": Access(official),
        "coordinator": Access(coordinator),
        "secretary": Access(secretary),
        "partner": Access(partner_user),
        "administrator": Access(administrator),
    }


def allowed(rule, accesses, obj=NOTHING) -> tuple[bool, ...]:
    """The predicate's answer for each role, in ROLES order."""
    return tuple(rule(accesses[role]) if obj is NOTHING else rule(accesses[role], obj) for role in ROLES)


#                         anonymous official coordinator secretary partner administrator
NOBODY = (False, False, False, False, False, False)
OFFICIALS = (False, True, False, False, False, True)
COORDINATORS = (False, False, True, False, False, True)
WRITERS = (False, True, False, True, False, True)
MUNICIPAL_STAFF = (False, True, True, True, False, True)


def test_can_edit_agreement(accesses):
    assert allowed(partnerships_permissions.can_edit_agreement, accesses, AgreementFactory()) == OFFICIALS


def test_can_renew_a_decided_agreement_once(accesses):
    decided = AgreementFactory()
    assert allowed(partnerships_permissions.can_renew, accesses, decided) == OFFICIALS
    assert allowed(partnerships_permissions.can_renew, accesses, AgreementFactory(stage="draft")) == NOBODY
    AgreementFactory(predecessor=decided, stage="draft")
    assert allowed(partnerships_permissions.can_renew, accesses, decided) == NOBODY


def test_the_renew_button_and_the_service_agree(client, official):
    """What the page offers is what services.renew accepts: after one renewal, neither."""
    agreement = AgreementFactory()
    client.force_login(official)
    page = reverse("partnerships:agreement_detail", args=[agreement.pk])
    renew = reverse("partnerships:agreement_renew", args=[agreement.pk])
    assert renew in client.get(page).content.decode()
    client.post(renew)
    assert agreement.successors.count() == 1
    assert renew not in client.get(page).content.decode()
    client.post(renew)
    assert agreement.successors.count() == 1


def test_can_see_history(accesses):
    """Partners see no history (the agreement page hides it, the view does not compute it)."""
    assert allowed(partnerships_permissions.can_see_history, accesses, AgreementFactory()) == (
        False, True, True, True, False, True,
    )  # fmt: skip


def test_can_see_and_edit_partner(accesses):
    partner = Partner.objects.create(name="Annan förening")
    assert allowed(partnerships_permissions.can_see_partner, accesses, partner) == MUNICIPAL_STAFF
    assert allowed(partnerships_permissions.can_edit_partner, accesses, partner) == OFFICIALS


def test_can_see_contacts(accesses):
    """Issue 26: a partner's contacts are personal data: officials, coordinators (who meet its
    activity lead) and systemförvaltare; not the secretary; a partner user its own only."""
    other = Partner.objects.create(name="Annan förening")
    assert allowed(partnerships_permissions.can_see_contacts, accesses, other) == (
        False, True, True, False, False, True,
    )  # fmt: skip
    own = accesses["partner"].partner
    assert allowed(partnerships_permissions.can_see_contacts, accesses, own) == (
        False, True, True, False, True, True,
    )  # fmt: skip


def test_can_terminate_a_decided_agreement_once(accesses):
    agreement = AgreementFactory()
    assert allowed(partnerships_permissions.can_terminate, accesses, agreement) == OFFICIALS
    Termination.objects.create(
        agreement=agreement,
        given_by="partner",
        given_on=date(2024, 3, 15),
        notice_months=3,
        last_day=date(2024, 6, 14),
    )
    agreement = Agreement.objects.get(pk=agreement.pk)
    assert allowed(partnerships_permissions.can_terminate, accesses, agreement) == NOBODY
    assert (
        allowed(partnerships_permissions.can_terminate, accesses, AgreementFactory(stage="draft")) == NOBODY
    )


def test_can_manage_partner_users(accesses):
    """Officials manage the users of the partners of their committees' agreements; a partner in
    no agreement is the systemförvaltare's alone."""
    partner = Partner.objects.create(name="Annan förening")
    admins = (False, False, False, False, False, True)
    assert allowed(partnerships_permissions.can_manage_partner_users, accesses, partner) == admins
    AgreementParty.objects.create(agreement=AgreementFactory(), partner=partner)
    assert allowed(partnerships_permissions.can_manage_partner_users, accesses, partner) == OFFICIALS


def test_can_reset_second_factor_of_others_only(accesses, official, administrator):
    admins = (False, False, False, False, False, True)
    assert allowed(accounts_permissions.can_reset_second_factor, accesses, official) == admins
    assert allowed(accounts_permissions.can_reset_second_factor, accesses, administrator) == NOBODY


def test_can_see_access_history(accesses):
    admins = (False, False, False, False, False, True)
    assert allowed(accounts_permissions.can_see_access_history, accesses) == admins


def test_can_see_participants(accesses):
    assert (
        allowed(participants_permissions.can_see_participants, accesses, AgreementFactory()) == COORDINATORS
    )


def test_can_edit_and_assign_an_identified_participant_only(accesses):
    participant = ParticipantFactory()
    assert allowed(participants_permissions.can_edit_participant, accesses, participant) == COORDINATORS
    assert allowed(participants_permissions.can_assign, accesses, participant) == COORDINATORS
    participant.anonymised_at = timezone.now()
    assert allowed(participants_permissions.can_edit_participant, accesses, participant) == NOBODY
    assert allowed(participants_permissions.can_assign, accesses, participant) == NOBODY


def test_can_record_outcome_on_an_ended_placement_of_an_identified_person_only(accesses):
    placement = PlacementFactory()
    assert allowed(participants_permissions.can_record_outcome, accesses, placement) == NOBODY  # open
    placement.actual_end, placement.status, placement.end_reason = date(2023, 6, 30), "ended", "work"
    assert allowed(participants_permissions.can_record_outcome, accesses, placement) == COORDINATORS
    placement.participant.anonymised_at = timezone.now()
    assert allowed(participants_permissions.can_record_outcome, accesses, placement) == NOBODY


def test_can_add_note_and_change_an_open_placement_only(accesses):
    placement = PlacementFactory()
    # partners write notes too, in the portal, on their own placements
    assert allowed(participants_permissions.can_add_note, accesses, placement) == (
        False, False, True, False, True, True,
    )  # fmt: skip
    assert allowed(participants_permissions.can_change_placement, accesses, placement) == COORDINATORS
    placement.actual_end = date(2023, 6, 30)
    assert allowed(participants_permissions.can_add_note, accesses, placement) == NOBODY
    assert allowed(participants_permissions.can_change_placement, accesses, placement) == NOBODY


def test_can_edit_a_draft_followup_only(accesses):
    follow_up = FollowUp(agreement=AgreementFactory(), year=2023)
    assert allowed(reports_permissions.can_edit_followup, accesses, follow_up) == WRITERS
    follow_up.status = FollowUp.Status.SUBMITTED
    assert allowed(reports_permissions.can_edit_followup, accesses, follow_up) == NOBODY


def test_can_review_a_submitted_followup_only(accesses):
    follow_up = FollowUp(agreement=AgreementFactory(), year=2023, status=FollowUp.Status.SUBMITTED)
    assert allowed(reports_permissions.can_review_followup, accesses, follow_up) == WRITERS
    for status in (FollowUp.Status.DRAFT, FollowUp.Status.APPROVED):
        follow_up.status = status
        assert allowed(reports_permissions.can_review_followup, accesses, follow_up) == NOBODY


def test_can_draft_edit_and_export_memos(accesses):
    memo = Memo(title="M", date=date(2024, 3, 1))
    assert allowed(reports_permissions.can_draft_memo, accesses) == WRITERS
    assert allowed(reports_permissions.can_edit_memo, accesses, memo) == WRITERS
    assert allowed(reports_permissions.can_export_memo, accesses, memo) == WRITERS
    assert allowed(reports_permissions.can_record_decision, accesses, memo) == WRITERS


def test_can_download_the_archive_package(accesses):
    agreement = AgreementFactory()
    assert allowed(archive_permissions.can_download_archive_package, accesses, agreement) == WRITERS


def test_can_write_followup_in_the_portal_until_submitted(accesses):
    partner_only = (False, False, False, False, True, False)
    assert allowed(portal_permissions.can_write_followup, accesses, None) == partner_only
    follow_up = FollowUp(agreement=AgreementFactory(), year=2023)
    assert allowed(portal_permissions.can_write_followup, accesses, follow_up) == partner_only
    follow_up.status = FollowUp.Status.SUBMITTED
    assert allowed(portal_permissions.can_write_followup, accesses, follow_up) == NOBODY


def test_can_see_and_manage_payments(accesses):
    agreement = AgreementFactory()
    assert allowed(payments_permissions.can_see_payments, accesses, agreement) == WRITERS
    assert allowed(payments_permissions.can_manage_payments, accesses, agreement) == OFFICIALS


def test_can_read_and_edit_the_agreement_document(accesses):
    agreement = AgreementFactory()
    assert allowed(contracting_permissions.can_read_agreement_document, accesses, agreement) == WRITERS
    assert allowed(contracting_permissions.can_edit_agreement_document, accesses, agreement) == OFFICIALS


def test_can_see_and_record_meetings(accesses):
    agreement = AgreementFactory()
    assert allowed(meetings_permissions.can_see_meetings, accesses, agreement) == MUNICIPAL_STAFF
    assert allowed(meetings_permissions.can_record_meetings, accesses, agreement) == OFFICIALS
    # a decision is marked done by those who record meetings, and by its owner (a coordinator here)
    meeting = Meeting.objects.create(agreement=agreement, kind="working", date=date(2023, 3, 1), minutes="M")
    decision = Decision(
        meeting=meeting, text="D", owner=accesses["coordinator"].user, due_on=date(2023, 4, 1)
    )
    assert allowed(meetings_permissions.can_mark_done, accesses, decision) == (
        False,
        True,
        True,
        False,
        False,
        True,
    )


def test_can_see_and_assess_initiatives(accesses):
    """Issue 23: the officials (their committees') and systemförvaltare; a partner user proposes
    from the portal. An undecided initiative only is assessed."""
    initiative = make_initiative(CommitteeFactory())
    assert allowed(initiatives_permissions.can_see_initiatives, accesses, initiative) == OFFICIALS
    assert allowed(initiatives_permissions.can_assess_initiative, accesses, initiative) == OFFICIALS
    initiative.status = initiative.Status.PROCEEDED
    assert allowed(initiatives_permissions.can_assess_initiative, accesses, initiative) == NOBODY


@pytest.mark.committee_isolation
def test_the_object_predicates_refuse_another_committees_objects(accesses, official, coordinator, secretary):
    """Each object rule says no to the staff of another committee (the QuerySets hide the
    objects too: tests/test_permission_matrix_committees.py); systemförvaltare keep every one."""
    an = CommitteeFactory()
    sn = CommitteeFactory(
        name="Socialnämnden (fiktiv)", abbreviation="SN", administration="Socialförvaltningen"
    )
    for user in (official, coordinator, secretary):
        CommitteeMembership.objects.create(user=user, committee=an)
    theirs = AgreementFactory(committee=sn)
    placement = PlacementFactory(agreement=theirs)
    submitted = FollowUp(agreement=theirs, year=2023, status=FollowUp.Status.SUBMITTED)
    memo = Memo(title="M", date=date(2024, 3, 1), committee=sn)
    only_admin = (False, False, False, False, False, True)
    assert allowed(partnerships_permissions.can_edit_agreement, accesses, theirs) == only_admin
    assert allowed(partnerships_permissions.can_renew, accesses, theirs) == only_admin
    assert allowed(participants_permissions.can_change_placement, accesses, placement) == only_admin
    # a partner's notes are narrowed to its organisation's placements (the portal's QuerySets)
    assert allowed(participants_permissions.can_add_note, accesses, placement) == (
        False, False, False, False, True, True,
    )  # fmt: skip
    assert allowed(
        reports_permissions.can_edit_followup, accesses, FollowUp(agreement=theirs, year=2023)
    ) == (only_admin)
    assert allowed(reports_permissions.can_review_followup, accesses, submitted) == only_admin
    assert allowed(reports_permissions.can_edit_memo, accesses, memo) == only_admin
    assert allowed(reports_permissions.can_export_memo, accesses, memo) == only_admin
    assert allowed(initiatives_permissions.can_see_initiatives, accesses, make_initiative(sn)) == only_admin
    assert allowed(reports_permissions.can_record_decision, accesses, memo) == only_admin
    assert allowed(archive_permissions.can_download_archive_package, accesses, theirs) == only_admin
    assert allowed(contracting_permissions.can_read_agreement_document, accesses, theirs) == only_admin
    assert allowed(contracting_permissions.can_edit_agreement_document, accesses, theirs) == only_admin
    ours = AgreementFactory(committee=an)
    assert allowed(partnerships_permissions.can_edit_agreement, accesses, ours) == OFFICIALS


def test_every_predicate_is_a_template_filter_and_has_a_test():
    from django.template import engines

    from core.permissions import PREDICATES

    library = engines["django"].engine.template_libraries["permissions"]
    assert set(PREDICATES) <= set(library.filters)
    tests = Path(__file__).read_text().split("def test_every_predicate_is")[0]
    untested = [name for name in PREDICATES if f"_permissions.{name}," not in tests]
    assert untested == []
