"""The participant list counts at most a bound of rows (core/paging.py, issue 22): the first
rows are paged, the page says there are more, and another committee's people stay out."""

from datetime import date

import pytest
from django.urls import reverse

from accounts.models import CommitteeMembership
from core import paging

from .factories import AgreementFactory, CommitteeFactory, ParticipantFactory, PlacementFactory

pytestmark = pytest.mark.django_db


def listed(response) -> list[str]:
    return [p.last_name for p in response.context["page"]]


def test_more_than_the_bound(client, coordinator, monkeypatch):
    monkeypatch.setattr(paging, "BOUND", 4)
    client.force_login(coordinator)
    for name in ("Ahl", "Berg", "Ceder", "Dahl", "Ek", "Falk"):
        ParticipantFactory(last_name=name)
    response = client.get(reverse("participants:list"))
    paginator = response.context["page"].paginator
    assert (paginator.count, paginator.more) == (4, True)
    assert "More than 4 match" in response.content.decode() or "Fler än 4" in response.content.decode()
    assert listed(response) == ["Ahl", "Berg", "Ceder", "Dahl"]


def test_within_the_bound_is_counted_exactly(client, coordinator, monkeypatch):
    monkeypatch.setattr(paging, "BOUND", 4)
    client.force_login(coordinator)
    for name in ("Ahl", "Berg", "Ceder", "Dahl"):
        ParticipantFactory(last_name=name)
    paginator = client.get(reverse("participants:list")).context["page"].paginator
    assert (paginator.count, paginator.more) == (4, False)


def test_another_committees_people_are_not_listed_nor_counted(client, coordinator, monkeypatch):
    """The coordinator's committee's people and the never placed; not those placed only in
    another committee's agreement, even where they fill the bound."""
    monkeypatch.setattr(paging, "BOUND", 3)
    client.force_login(coordinator)
    ours = AgreementFactory()
    theirs = AgreementFactory(committee=CommitteeFactory(name="Socialnämnden", abbreviation="SN"))
    assert CommitteeMembership.objects.get(user=coordinator).committee == ours.committee
    for name in ("Ahl", "Berg", "Ceder", "Dahl"):
        PlacementFactory(
            participant=ParticipantFactory(last_name=name), agreement=theirs, start=date(2023, 2, 1)
        )
    PlacementFactory(participant=ParticipantFactory(last_name="Ek"), agreement=ours, start=date(2023, 2, 1))
    both = ParticipantFactory(last_name="Falk")
    PlacementFactory(participant=both, agreement=theirs, start=date(2023, 2, 1))
    PlacementFactory(participant=both, agreement=ours, start=date(2023, 3, 1))
    ParticipantFactory(last_name="Gran")  # never placed
    response = client.get(reverse("participants:list"))
    assert listed(response) == ["Ek", "Falk", "Gran"]
    assert response.context["page"].paginator.more is False
    falk = next(p for p in response.context["page"] if p.last_name == "Falk")
    assert [p.agreement_id for p in falk.placements.all()] == [ours.pk]
