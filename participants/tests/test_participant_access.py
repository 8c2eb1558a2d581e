"""Only coordinators and administrators reach participant pages; the rest get 403 (or login)."""

from datetime import date

import pytest
from django.urls import reverse

from .factories import AgreementFactory, PlacementFactory

pytestmark = pytest.mark.django_db

ALLOWED = ["coordinator", "administrator"]
FORBIDDEN = ["official", "secretary", "partner_user"]


@pytest.fixture
def placement():
    return PlacementFactory(agreement=AgreementFactory(), start=date(2023, 3, 1))


def pages(placement):
    participant = placement.participant
    return [
        ("get", reverse("participants:list")),
        ("get", reverse("participants:create")),
        ("get", reverse("participants:detail", args=[participant.pk])),
        ("get", reverse("participants:edit", args=[participant.pk])),
        ("get", reverse("participants:assign", args=[participant.pk]) + "?start=2023-03-01"),
        ("get", reverse("participants:placement_edit", args=[placement.pk])),
        ("get", reverse("participants:placement_end", args=[placement.pk])),
        ("get", reverse("participants:note_create", args=[placement.pk])),
        ("get", reverse("participants:agreement_participants", args=[placement.agreement.pk]) + "?year=2023"),
        ("post", reverse("participants:placement_start", args=[placement.pk])),
    ]


@pytest.mark.parametrize("role", ALLOWED)
def test_coordinators_and_administrators_reach_every_page(client, request, role, placement):
    client.force_login(request.getfixturevalue(role))
    for method, url in pages(placement):
        response = getattr(client, method)(url)
        assert response.status_code == (302 if method == "post" else 200), url


@pytest.mark.parametrize("role", FORBIDDEN)
def test_other_roles_get_403(client, request, role, placement):
    client.force_login(request.getfixturevalue(role))
    for method, url in pages(placement):
        assert getattr(client, method)(url).status_code == 403, url


def test_anonymous_users_are_sent_to_log_in(client, placement):
    for method, url in pages(placement):
        response = getattr(client, method)(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login")), url


@pytest.mark.parametrize("role", ["official", "secretary", "partner_user"])
def test_the_nav_links_participants_for_coordinators_only(client, request, role):
    client.force_login(request.getfixturevalue(role))
    assert reverse("participants:list") not in client.get(reverse("partnerships:overview")).content.decode()


def test_the_nav_links_participants_for_coordinators(client, coordinator):
    client.force_login(coordinator)
    assert reverse("participants:list") in client.get(reverse("partnerships:overview")).content.decode()
