"""What a cached page of one committee's agreements shows, as a `dataversion.Scope` (issue 22):
the overview, forecast, payments and key figures are kept per committee and year
(core/pagecache.py), so an edit in committee A's 2024 leaves B's pages and A's 2023 in the cache.

The committees are the viewer's: every committee for those who see all (a committee they filter
on is not trusted for the key: one that does not exist leaves the filter off, and the page shows
every committee's agreements), their own memberships otherwise (a subquery read in the version's own query,
with the history of their memberships in the version, so a membership added or ended changes
the key at once), and every committee for a partner user, whose agreements are in any committee.
Partners are shared by the committees (an association may have agreements with several), so a
partner's change moves every committee's version: that data really is shared.
"""

from __future__ import annotations

from django.db import models

from accounts.access import Access
from accounts.models import CommitteeMembership, PartnerMembership
from core.dataversion import Scope

from .models import Agreement, AgreementParty, Amendment, Committee, Partner


def scope(
    access: Access,
    *,
    years: tuple[int, int] | None,
    children: tuple[tuple[type[models.Model], str], ...] = (),
    shared: tuple[type[models.Model], ...] = (),
    referenced: tuple[tuple[type[models.Model], type[models.Model], str], ...] = (),
) -> Scope:
    """The agreements `access` reaches in `years` (None: any), with their parties, amendments,
    committees and partners, and `children` / `shared` besides (what else the page prints)."""
    if access.sees_all_committees or access.is_partner:
        committees = None
    else:
        committees = access.own_committees()
    return Scope(
        root=Agreement,
        committees=committees,
        years=years,
        children=((AgreementParty, "agreement_id"), (Amendment, "agreement_id"), *children),
        committee_model=Committee,
        shared=(Partner, *shared),
        referenced=referenced,
        rows=(
            (CommitteeMembership, "user_id", access.user.pk),
            (PartnerMembership, "user_id", access.user.pk),
        ),
    )
