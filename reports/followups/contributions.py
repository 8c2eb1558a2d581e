"""Each party's contribution in a follow-up's year: promised by the agreement, reported by the
partner in the follow-up, approved by the official with the rest (issue 24).

Promised: the committee its cost for the year as the agreement's schedule gives it (indexed and
prorated by day, partnerships/indexation.py); each partner its in-kind contribution per year in
the year's prices (the agreement's price level and indexation, as `contributions.py` of
partnerships rebases it on renewal), prorated by the days the agreement covers of the year.
Reported: money and in kind, each optional. `reported_contributions(follow_up)` is what the key
figures read; `record_contributions` is the one writer.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from core.money import round_kronor
from partnerships import indexation
from partnerships.models import Agreement, AgreementParty

from ..models import FollowUp, ReportedContribution

COMMITTEE = "committee"


@dataclass(frozen=True)
class ContributionRow:
    key: str  # "committee" or the party's id, as text (the form's field names)
    name: str
    is_committee: bool
    promised: Decimal | None
    money: Decimal | None
    in_kind: Decimal | None

    @property
    def reported(self) -> Decimal | None:
        """Money and in kind together; None when neither is reported."""
        if self.money is None and self.in_kind is None:
            return None
        return (self.money or Decimal(0)) + (self.in_kind or Decimal(0))

    @property
    def difference(self) -> Decimal | None:
        """Reported less promised (negative: less than promised); None without both."""
        if self.reported is None or self.promised is None:
            return None
        return self.reported - self.promised


def promised(agreement: Agreement, year: int) -> list[tuple[str, str, AgreementParty | None, Decimal | None]]:
    """(key, name, party or None for the committee, promised amount) for the committee and each party."""
    schedule = {amounts.year: amounts for amounts in agreement.schedule()}
    year_amounts = schedule.get(year)
    rows: list[tuple[str, str, AgreementParty | None, Decimal | None]] = [
        (COMMITTEE, agreement.committee.name, None, year_amounts.committee_cost if year_amounts else None)
    ]
    for party in agreement.parties.select_related("partner"):
        amount = None
        if party.in_kind_contribution is not None and year_amounts is not None:
            whole_year = indexation.indexed_amount(
                party.in_kind_contribution, agreement.price_level_year, agreement.indexation_percent, year
            )
            days_in_year = 366 if _leap(year) else 365
            amount = round_kronor(whole_year * year_amounts.days / days_in_year)
        rows.append((str(party.pk), party.partner.name, party, amount))
    return rows


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def reported_contributions(follow_up: FollowUp) -> list[ContributionRow]:
    """The committee's and each party's promised and reported contribution for the follow-up's year."""
    reported = {
        COMMITTEE if row.party_id is None else str(row.party_id): row
        for row in (follow_up.contributions.all() if follow_up.pk else [])
    }
    rows = []
    for key, name, _party, amount in promised(follow_up.agreement, follow_up.year):
        given = reported.get(key)
        rows.append(
            ContributionRow(
                key=key,
                name=name,
                is_committee=key == COMMITTEE,
                promised=amount,
                money=given.money if given else None,
                in_kind=given.in_kind if given else None,
            )
        )
    return rows


@transaction.atomic
def record_contributions(
    follow_up: FollowUp, values: dict[str, tuple[Decimal | None, Decimal | None]]
) -> None:
    """Store `values` ({key: (money, in kind)}) for the follow-up: one row per party reported,
    a row whose two amounts are both empty removed."""
    parties = {str(party.pk): party for party in follow_up.agreement.parties.all()}
    for key, (money, in_kind) in values.items():
        party = None if key == COMMITTEE else parties.get(key)
        if key != COMMITTEE and party is None:
            continue
        existing = ReportedContribution.objects.filter(follow_up=follow_up, party=party).first()
        if money is None and in_kind is None:
            if existing is not None:
                existing.delete()
            continue
        if existing is None:
            ReportedContribution.objects.create(
                follow_up=follow_up, party=party, money=money, in_kind=in_kind
            )
        elif (existing.money, existing.in_kind) != (money, in_kind):
            existing.money, existing.in_kind = money, in_kind
            existing.save()
