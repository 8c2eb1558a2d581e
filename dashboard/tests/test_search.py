"""The top bar's search: what each role finds, participants only for those who may see them,
by name or full personnummer in any common format, and every participant shown logged."""

from __future__ import annotations

from datetime import date

import pytest

from audit.models import AccessLogEntry
from participants.personnummer import from_parts
from participants.tests.factories import ParticipantFactory

NUMBER = from_parts(date(1985, 7, 14), 981)  # fictitious, valid check digit


@pytest.fixture
def tolvan(db):
    return ParticipantFactory(first_name="Tolvan", last_name="Tolvansson", personnummer=NUMBER)


def found(client, query: str) -> str:
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def test_staff_find_agreements_and_partners(client, official, seed):
    client.force_login(official)
    page = found(client, "inkludering")
    assert f'href="{seed["ikf2023"].get_absolute_url()}"' in page
    assert "Internationella Kvinnoföreningen" in found(client, "kvinnofören")


@pytest.mark.parametrize(
    "typed",
    [
        f"{NUMBER[:8]}-{NUMBER[8:]}",
        NUMBER,
        f"{NUMBER[2:8]}-{NUMBER[8:]}",
        "Tolvan",
        "tolvansson tolvan",
    ],
)
def test_a_coordinator_finds_a_participant_and_it_is_logged(client, coordinator, tolvan, typed):
    client.force_login(coordinator)
    assert f'href="{tolvan.get_absolute_url()}"' in found(client, typed)
    entry = AccessLogEntry.objects.get(user=coordinator)
    assert (entry.participant_id, entry.action, entry.url_name) == (tolvan.pk, "list", "search")


def test_part_of_a_number_finds_no_one(client, coordinator, tolvan):
    client.force_login(coordinator)
    assert tolvan.get_absolute_url() not in found(client, NUMBER[-4:])
    assert not AccessLogEntry.objects.exists()


@pytest.mark.parametrize("role", ["official", "secretary"])
def test_other_municipal_roles_find_no_participants(client, request, tolvan, role):
    client.force_login(request.getfixturevalue(role))
    assert tolvan.get_absolute_url() not in found(client, f"{NUMBER[:8]}-{NUMBER[8:]}")
    assert not AccessLogEntry.objects.exists()


def test_a_partner_may_not_search(client, partner_user):
    client.force_login(partner_user)
    assert client.get("/search/", {"q": "Inkludering"}).status_code == 403


def test_a_nul_character_is_ignored_not_an_error(client, official, seed):
    client.force_login(official)
    assert f'href="{seed["ikf2023"].get_absolute_url()}"' in found(client, "Inkludering\x00")
