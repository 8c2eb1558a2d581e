"""The top bar's search: each kind of object asked through its own `for_access`, so search shows
nothing its pages would not."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import Q

from accounts.access import Access
from participants import personnummer
from participants.models import Participant
from partnerships.models import Agreement, Partner
from reports.models import Memo

LIMIT = 20
MIN_LENGTH = 2


@dataclass
class Results:
    agreements: list = field(default_factory=list)
    partners: list = field(default_factory=list)
    memos: list = field(default_factory=list)
    participants: list = field(default_factory=list)
    searched: bool = False

    @property
    def count(self) -> int:
        return len(self.agreements) + len(self.partners) + len(self.memos) + len(self.participants)


def participants_matching(access: Access, query: str) -> list[Participant]:
    """A full personnummer in any common format (19121212-1212, 191212121212, 121212-1212) finds
    that person only; otherwise every word must be in the first or last name. Digits that are not a
    whole valid number find no one: a search must not reveal people by parts of their number."""
    people = Participant.objects.for_access(access).identified()
    try:
        digits = personnummer.parse(query)
    except ValidationError:
        if any(ch.isdigit() for ch in query):
            return []
        words = Q()
        for word in query.split(" "):
            words &= Q(first_name__icontains=word) | Q(last_name__icontains=word)
        return list(people.filter(words).order_by("last_name", "first_name")[:LIMIT])
    return list(people.filter(personnummer=digits))


def search_everything(access: Access, query: str) -> Results:
    if len(query) < MIN_LENGTH:
        return Results()
    results = Results(searched=True)
    results.agreements = list(
        Agreement.objects.for_access(access)
        .filter(Q(name__icontains=query) | Q(case_number__icontains=query))
        .select_related("committee")
        .order_by("-valid_from", "name")[:LIMIT]
    )
    if access.has_perm("partnerships.view_partner"):
        results.partners = list(
            Partner.objects.filter(
                Q(name__icontains=query) | Q(organisation_number__icontains=query)
            ).order_by("name")[:LIMIT]
        )
    results.memos = list(
        Memo.objects.for_access(access)
        .filter(Q(title__icontains=query) | Q(case_number__icontains=query))
        .order_by("-date")[:LIMIT]
    )
    if access.has_perm("participants.view_participant"):
        results.participants = participants_matching(access, query)
    return results
