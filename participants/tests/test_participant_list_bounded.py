"""The participant list counts at most a bound of rows (core/paging.py, issue 22): the first
rows are paged, the page says there are more, and another committee's people stay out."""

from datetime import date

import pytest
from django.db import connection
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


def test_a_later_page_is_read_by_its_keys_in_name_order(client, coordinator, monkeypatch):
    """The keys of the bounded rows give the count and every page (core/paging.py): page 2 holds
    the rows after page 1 in name order, and the count is still bounded."""
    monkeypatch.setattr(paging, "BOUND", 5)
    monkeypatch.setattr("participants.views.PAGE_SIZE", 2)
    client.force_login(coordinator)
    for name in ("Falk", "Ahl", "Ek", "Berg", "Gran", "Dahl", "Ceder"):
        ParticipantFactory(last_name=name)
    response = client.get(reverse("participants:list"), {"page": 2})
    assert listed(response) == ["Ceder", "Dahl"]
    paginator = response.context["page"].paginator
    assert (paginator.count, paginator.num_pages, paginator.more) == (5, 3, True)
    assert listed(client.get(reverse("participants:list"), {"page": 3})) == ["Ek"]


def test_a_search_pages_its_own_matches(client, coordinator):
    client.force_login(coordinator)
    for first, last in (("Anna", "Berg"), ("Nils", "Annersten"), ("Omar", "Ali"), ("Ali", "Dahl")):
        ParticipantFactory(first_name=first, last_name=last)
    response = client.get(reverse("participants:list"), {"q": "ann"})
    assert listed(response) == ["Annersten", "Berg"]
    assert (response.context["page"].paginator.count, response.context["page"].paginator.more) == (2, False)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm is PostgreSQL's")
def test_the_names_have_trigram_indexes_on_postgresql():
    """participants/migrations/0014: a name search can read its matches from these."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'participants_participant'"
            " AND indexname LIKE %s",
            ["%_trgm"],
        )
        indexes = dict(cursor.fetchall())
    assert set(indexes) == {"participant_last_name_trgm", "participant_first_name_trgm"}
    assert all("gin_trgm_ops" in definition and "upper" in definition for definition in indexes.values())
    # Over every row: the planner reads the expression's statistics of a non-partial index only.
    assert not any(" WHERE " in definition for definition in indexes.values())
