"""The history of access rights: changes to users, roles, memberships, committees and memo
defaults, with who made them, shown to systemförvaltare in a constant number of queries."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.db.models import F
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts import roles
from accounts.models import CommitteeMembership, PartnerMembership
from conftest import PASSWORD, role_group
from partnerships.models import Committee, Partner
from reports.models import MemoDefaults

HISTORY = reverse("accounts:access_history")


def rows(client) -> str:
    response = client.get(HISTORY)
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


def test_role_changes_read_as_before_and_after(client, administrator, official):
    # the official was made a minute ago; a change within seconds would count as the same save
    official.history.update(history_date=F("history_date") - timedelta(minutes=1))
    official.groups.add(role_group(roles.COORDINATOR))
    client.force_login(administrator)
    page = rows(client)
    assert "<strong>Roller</strong>: handläggare → handläggare, koordinator" in page


def test_changes_made_in_the_admin_name_who_made_them(client, administrator, official):
    administrator.is_superuser = True
    administrator.save()
    client.force_login(administrator)
    url = reverse("admin:auth_user_change", args=[official.pk])
    page = client.get(url)
    assert page.status_code == 200
    from conftest import form_data

    data = form_data(page, form_index=-1)
    data.update(is_staff="on", groups=[str(role_group(roles.SECRETARY).pk)])
    data.pop("is_active", None)  # unticked: deactivated
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = rows(client)
    # one save in the admin is one change, with its roles
    change = page[page.index("<td>erik</td> <td>Användare: alice: ändrad</td>") :].split("</tr>")[0]
    assert "<strong>Personalstatus</strong>: nej → ja" in change
    assert "<strong>Kontot aktivt (kan logga in)</strong>: ja → nej" in change
    assert "<strong>Roller</strong>: handläggare → nämndsekreterare" in change


@pytest.mark.committee_isolation  # the test makes the official's membership itself
def test_memberships_committees_and_memo_defaults_are_recorded(client, administrator, official, seed):
    committee = seed["ikf2023"].committee
    CommitteeMembership.objects.create(user=official, committee=committee)
    partner = Partner.objects.create(name="Föreningen Ny")
    PartnerMembership.objects.create(user=official, partner=partner)
    committee.follow_up_due_day = 20
    committee.save()
    defaults, _created = MemoDefaults.objects.get_or_create(committee=committee)
    defaults.signer = "Anna Direktör"
    defaults.save()
    client.force_login(administrator)
    page = rows(client)
    assert f"nämndtillhörighet: alice – {committee.name}: skapad".lower() in page.lower()
    assert "partnertillhörighet: alice – föreningen ny: skapad" in page.lower()
    assert "→ 20" in page
    assert "Anna Direktör" in page


def test_account_events_are_shown(client, administrator, official):
    from accounts.recovery import reset_second_factor

    reset_second_factor(user=official, by=administrator)
    client.force_login(administrator)
    assert "tvåstegsverifiering återställd" in rows(client)


def test_a_login_is_no_change_of_rights(official):
    before = official.history.count()
    assert Client().post(reverse("login"), {"username": "alice", "password": PASSWORD}).status_code == 302
    official.refresh_from_db()
    assert official.last_login is not None
    assert official.history.count() == before


@pytest.mark.committee_isolation  # the test makes its memberships itself
def test_the_page_costs_the_same_queries_with_more_changes(client, administrator, django_user_model):
    client.force_login(administrator)
    client.get(HISTORY)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            client.get(HISTORY)
        return len(queries)

    few = count()
    group = Group.objects.get(name=roles.OFFICIAL)
    for index in range(5):
        user = django_user_model.objects.create_user(username=f"u{index}")
        user.groups.add(group)
        CommitteeMembership.objects.create(
            user=user,
            committee=Committee.objects.create(
                name=f"N{index}", abbreviation=f"N{index}", administration="A"
            ),
        )
    assert count() == few
