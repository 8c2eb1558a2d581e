"""Single sign-on (accounts/sso.py) end to end against a real OpenID Connect provider
(oidc-provider-mock on 127.0.0.1): login, role and committee mapping from the groups claim,
re-sync on each login, refusal of an unmapped user, logout at the provider.

Marked committee_isolation: the memberships are the ones single sign-on makes.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.contrib.auth import get_user_model
from django.core.checks import run_checks
from django.urls import reverse

from accounts import roles
from accounts.access import Access
from accounts.models import CommitteeMembership, SingleSignOnIdentity
from accounts.sso import SESSION_KEY
from accounts.tests.oidc_provider import CLIENT_ID, authorize, configure, set_user
from conftest import PASSWORD, make_user
from participants.tests.factories import AgreementFactory, CommitteeFactory

pytestmark = [pytest.mark.committee_isolation, pytest.mark.django_db]

ANNA = {
    "preferred_username": "anna.andersson",
    "email": "anna.andersson@kommun.example",
    "given_name": "Anna",
    "family_name": "Andersson",
    "groups": ["iop-handlaggare-an", "someone-elses-group"],
}


@pytest.fixture
def sso(settings, oidc_provider):
    configure(settings, oidc_provider)
    return oidc_provider


@pytest.fixture
def committees(db):
    return {
        "AN": CommitteeFactory(),
        "SN": CommitteeFactory(
            name="Socialnämnden (fiktiv)", abbreviation="SN", administration="Socialförvaltningen"
        ),
    }


def log_in(client, provider: str, sub: str, claims: dict, next_url: str = ""):
    """The whole flow as a browser makes it; returns the callback's response."""
    set_user(provider, sub, claims)
    start = client.get(reverse("sso_login") + (f"?next={next_url}" if next_url else ""))
    assert start.status_code == 302 and start.url.startswith(f"{provider}/oauth2/authorize?")
    return client.get(authorize(start.url, sub))


def test_the_login_page_offers_sso_only_when_configured(client, settings, oidc_provider):
    label = "Logga in med kommunens konto"
    assert label not in client.get(reverse("login")).content.decode()
    assert client.get(reverse("sso_login")).status_code == 404
    configure(settings, oidc_provider)
    assert label in client.get(reverse("login")).content.decode()


def test_the_request_uses_the_code_flow_with_pkce(client, sso):
    start = client.get(reverse("sso_login"))
    query = parse_qs(urlsplit(start.url).query)
    assert query["response_type"] == ["code"] and query["client_id"] == [CLIENT_ID]
    assert query["code_challenge_method"] == ["S256"] and len(query["code_challenge"][0]) >= 43
    assert query["state"] and query["nonce"]
    assert query["redirect_uri"] == ["http://testserver/login/sso/callback/"]


def test_an_official_logs_in_and_gets_role_and_committee_from_the_groups(client, sso, committees):
    ours = AgreementFactory(committee=committees["AN"])
    theirs = AgreementFactory(committee=committees["SN"])
    response = log_in(client, sso, "sub-anna", ANNA, next_url=ours.get_absolute_url())
    assert response.status_code == 302 and response.url == ours.get_absolute_url()
    user = get_user_model().objects.get(single_sign_on__subject="sub-anna")
    assert (user.username, user.email, user.get_full_name()) == (
        "anna.andersson",
        "anna.andersson@kommun.example",
        "Anna Andersson",
    )
    assert not user.has_usable_password()
    assert set(user.groups.values_list("name", flat=True)) == {roles.OFFICIAL}
    assert Access(user).committees == (committees["AN"],)
    assert client.session[SESSION_KEY] is True
    assert client.get(ours.get_absolute_url()).status_code == 200
    assert client.get(theirs.get_absolute_url()).status_code == 404
    assert client.get(reverse("partnerships:agreement_edit", args=[ours.pk])).status_code == 200


def test_each_login_syncs_roles_committees_and_names_again(client, sso, committees):
    log_in(client, sso, "sub-anna", ANNA)
    client.post(reverse("logout"))
    moved = {**ANNA, "family_name": "Berg", "groups": ["iop-koordinator-sn", "iop-sekreterare"]}
    log_in(client, sso, "sub-anna", moved)
    user = get_user_model().objects.get(single_sign_on__subject="sub-anna")
    assert get_user_model().objects.filter(username="anna.andersson").count() == 1
    assert user.last_name == "Berg"
    assert set(user.groups.values_list("name", flat=True)) == {roles.COORDINATOR, roles.SECRETARY}
    assert Access(user).committees == (committees["SN"],)
    assert CommitteeMembership.history.filter(user_id=user.pk, history_type="-").count() == 1


def test_a_user_whose_groups_map_to_nothing_is_refused_in_swedish(client, sso, committees):
    response = log_in(client, sso, "sub-nobody", {**ANNA, "preferred_username": "nobody", "groups": ["x"]})
    assert response.status_code == 302 and response.url == reverse("sso_refused")
    page = client.get(response.url)
    assert page.status_code == 403
    assert "inga av dina grupper ger behörighet" in page.content.decode().lower()
    assert not get_user_model().objects.filter(username="nobody").exists()
    assert client.get(reverse("home")).url.startswith(reverse("login"))  # not logged in


def test_a_user_whose_groups_were_removed_loses_access_at_the_next_login(client, sso, committees):
    log_in(client, sso, "sub-anna", ANNA)
    client.post(reverse("logout"))
    response = log_in(client, sso, "sub-anna", {**ANNA, "groups": []})
    assert response.url == reverse("sso_refused")
    user = get_user_model().objects.get(single_sign_on__subject="sub-anna")
    assert not user.groups.exists() and not CommitteeMembership.objects.filter(user=user).exists()
    client.get(response.url)
    assert client.get(reverse("home")).url.startswith(reverse("login"))


def test_a_refusal_ends_a_session_the_browser_already_had(client, sso, committees, official):
    client.force_login(official)
    response = log_in(client, sso, "sub-nobody", {**ANNA, "preferred_username": "nobody", "groups": []})
    client.get(response.url)
    assert client.get(reverse("home")).url.startswith(reverse("login"))


def test_logout_ends_the_session_at_the_provider_too(client, sso, committees):
    log_in(client, sso, "sub-anna", ANNA)
    id_token = client.session["oidc_id_token"]
    assert client.get(reverse("logout")).status_code == 405  # POST only, as before
    response = client.post(reverse("logout"))
    assert response.status_code == 302 and response.url.startswith(f"{sso}/oauth2/end_session?")
    query = parse_qs(urlsplit(response.url).query)
    assert query["id_token_hint"] == [id_token]
    assert query["post_logout_redirect_uri"] == ["http://testserver" + reverse("login")]
    assert requests.get(response.url, timeout=5).status_code == 200  # the provider's end-session page
    assert client.get(reverse("home")).url.startswith(reverse("login"))


def test_a_local_account_logs_in_and_out_as_before(client, sso, official):
    response = client.post(reverse("login"), {"username": "alice", "password": PASSWORD})
    assert response.status_code == 302
    assert SESSION_KEY not in client.session
    response = client.post(reverse("logout"))
    assert response.status_code == 302 and response.url == reverse("login")


def test_an_sso_user_cannot_use_the_local_password_form(client, sso, committees):
    log_in(client, sso, "sub-anna", ANNA)
    page = client.get(reverse("password_change")).content.decode()
    assert "lösenord" in page.lower() and 'name="old_password"' not in page
    client.post(reverse("logout"))
    response = client.post(reverse("login"), {"username": "anna.andersson", "password": ""})
    assert response.status_code == 200 and not response.wsgi_request.user.is_authenticated
    user = get_user_model().objects.get(username="anna.andersson")
    user.set_password(PASSWORD)  # even a password set in the shell is taken away at the next login
    user.save()
    log_in(client, sso, "sub-anna", ANNA)
    user.refresh_from_db()
    assert not user.has_usable_password()


def test_a_provider_account_never_takes_over_a_local_one(client, sso, committees, django_user_model):
    make_user(django_user_model, "anna.andersson", roles.PARTNER)
    response = log_in(client, sso, "sub-anna", ANNA)
    assert response.url == reverse("sso_refused")
    assert "lokalt konto" in client.get(response.url).content.decode()
    assert not SingleSignOnIdentity.objects.exists()


def test_an_sso_systemforvaltare_is_not_asked_for_the_local_second_factor(client, sso, committees):
    """The provider authenticated them (its multi-factor rule included); a local administrator
    still must use TOTP (accounts/tests/test_login.py)."""
    log_in(client, sso, "sub-admin", {"preferred_username": "sys", "groups": ["iop-systemforvaltare"]})
    user = get_user_model().objects.get(username="sys")
    assert user.is_staff and Access(user).sees_all_committees
    assert client.get(reverse("home")).status_code == 200
    assert client.get("/admin/").status_code == 200


def test_a_malformed_role_map_stops_the_start(settings):
    settings.OIDC_ROLE_MAP = {"g": {"role": "partner"}, "h": ["handläggare"]}
    errors = [e for e in run_checks() if e.id == "accounts.E001"]
    assert len(errors) == 2


def test_the_logout_form_may_go_on_to_the_provider(client, sso, committees):
    """settings.py lets forms go to the end-session endpoint's origin (CSP form-action), or
    the browser would stop the logout's redirect to the provider."""
    from iop_registry.settings import origin_of

    assert origin_of("https://login.example.org:8443/oauth2/logout?x=1") == ["https://login.example.org:8443"]
    assert origin_of("") == []
    log_in(client, sso, "sub-anna", ANNA)
    policy = client.get(reverse("home"))["Content-Security-Policy"]
    assert f"form-action 'self' {sso}" in policy
