"""The committee's overview of its agreements for one year (docs/domain.md, follow-up memo, "Översikt IOP inom
arbetsmarknadsnämnden"), built once and rendered as the page, the XLSX and the memo's table.

`build_overview` reads the agreements and returns plain data: the rows in the committee's own
order (largest value first), their sums, the column headings and the year. The one rule for the
"Kostnad AN/år" heading is `cost_heading`. `cached_overview` keeps a built overview in Django's
cache per query (year, filters, visibility) and data version: any saved or deleted agreement,
party, amendment or partner makes a new version (`data_version`).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core import dataversion

from .models import Agreement, AgreementParty, Amendment, Committee, Partner, Termination

# The data version is part of the key (`data_version`), so a stale entry is never read; it only
# waits to expire.
CACHE_SECONDS = 600

URL_SENTINEL = 987654321

SORT_KEYS = ("name", "partners", "categorisation", "purpose", "value", "committee_cost", "valid_to")


@dataclass(frozen=True)
class OverviewRow:
    """One agreement as the overview prints it, with its amounts in the chosen year's prices."""

    agreement_id: int
    url: str
    is_draft: bool
    name: str
    partners: str
    categorisation: str
    purpose: str
    value: Decimal
    committee_cost: Decimal
    valid_to: date
    case_number: str = ""  # the Dnr: in the downloads, not in the committee's table (issue 23)

    @classmethod
    def for_year(
        cls, agreement: Agreement, year: int, *, url: str, partners: list[str], amendments: list[Amendment]
    ) -> OverviewRow:
        amounts = agreement.yearly_amounts(year, amendments)
        return cls(
            agreement_id=agreement.pk,
            url=url,
            is_draft=agreement.stage == Agreement.Stage.DRAFT,
            name=agreement.name,
            partners=", ".join(partners),
            categorisation=str(agreement.categorisation),
            purpose=agreement.purpose,
            value=amounts.value,
            committee_cost=amounts.committee_cost,
            valid_to=agreement.effective_end,  # an agreement ended early: its last day (issue 26)
            case_number=agreement.case_number,
        )


@dataclass(frozen=True)
class Overview:
    """The overview of one year: rows, sums and the seven column headings."""

    year: int
    rows: tuple[OverviewRow, ...]
    cost_heading: str

    @property
    def total_value(self) -> Decimal:
        return sum((row.value for row in self.rows), Decimal(0))

    @property
    def total_committee_cost(self) -> Decimal:
        return sum((row.committee_cost for row in self.rows), Decimal(0))

    @property
    def headings(self) -> list[tuple[str, str]]:
        """(sort key, heading) for each column, in the committee's order (docs/domain.md, follow-up memo)."""
        return list(
            zip(
                SORT_KEYS,
                [
                    _("Name"),
                    _("Partner(s)"),
                    _("Categorisation/target group"),
                    _("Purpose of the activity"),
                    _("Calculated value/year"),
                    self.cost_heading,
                    _("Validity"),
                ],
                strict=True,
            )
        )

    def columns(self, sort: str | None) -> list[tuple[str, str, str]]:
        """(heading, the sort its link asks for, aria-sort) for each column: a column's link
        sorts by it ascending, or descending when it is already sorted ascending."""
        sort = sort or ""
        return [
            (
                heading,
                f"-{key}" if sort == key else key,
                "ascending" if sort == key else "descending" if sort == f"-{key}" else "",
            )
            for key, heading in self.headings
        ]

    def sorted_rows(self, sort: str | None) -> list[OverviewRow]:
        """The rows by a column ("value", or "-value" for descending); the committee's order for
        anything else."""
        key = (sort or "").removeprefix("-")
        if key not in SORT_KEYS:
            return list(self.rows)
        return sorted(self.rows, key=lambda row: getattr(row, key), reverse=sort.startswith("-"))


def cost_heading(committee: Committee | None) -> str:
    """The committee-cost column's heading: "Kostnad AN/år" when the overview is one committee's
    (docs/domain.md, follow-up memo names the column after arbetsmarknadsnämnden), else "Kostnad nämnd/år"."""
    if committee is None:
        return _("Committee cost/year")
    return _("Cost %(committee)s/year") % {"committee": committee.abbreviation}


def overview_committee(committee: Committee | None = None, *, among=None) -> Committee | None:
    """The committee an overview is for: the one asked for, else the only committee there is
    (`among`: the committees the user sees, `Access.visible_committees()`), else None (every
    committee's agreements)."""
    if committee is not None:
        return committee
    committees = list((Committee.objects.all() if among is None else among)[:2])
    return committees[0] if len(committees) == 1 else None


def build_overview(agreements, *, year: int, committee: Committee | None = None) -> Overview:
    """The overview of `year` over `agreements` (already scoped: visibility, decided or the
    status asked for, committee): every one valid that year, largest value first as in the
    committee's own table (docs/domain.md, follow-up memo), amounts in `year`'s prices.

    Three queries however many rows: the agreements, their partners' names and their amendments,
    fetched as plain lists rather than through prefetch_related, whose per-object cost was most of
    the time of an overview of 1,000 agreements (bench/overview.py)."""
    valid = agreements.valid_in(year).order_by()
    shown = list(valid)
    pks = valid.values("pk")  # a subquery, not a list of a thousand parameters
    partners: dict[int, list[str]] = defaultdict(list)
    for agreement_id, name in (
        AgreementParty.objects.filter(agreement_id__in=pks)
        .order_by("agreement_id", "order", "pk")
        .values_list("agreement_id", "partner__name")
    ):
        partners[agreement_id].append(name)
    amendments: dict[int, list[Amendment]] = defaultdict(list)
    for amendment in Amendment.objects.filter(agreement_id__in=pks).order_by("starts_on"):
        amendments[amendment.agreement_id].append(amendment)
    # One reverse() for the URL pattern; every row's link differs only by its pk.
    url = reverse("partnerships:agreement_detail", args=[URL_SENTINEL])
    rows = [
        OverviewRow.for_year(
            agreement,
            year,
            url=url.replace(str(URL_SENTINEL), str(agreement.pk)),
            partners=partners[agreement.pk],
            amendments=amendments[agreement.pk],
        )
        for agreement in shown
    ]
    rows.sort(key=lambda row: (-row.value, row.name))
    return Overview(year=year, rows=tuple(rows), cost_heading=cost_heading(committee))


# Everything an overview row prints (committees are in the key through the heading).
SHOWN = (Agreement, AgreementParty, Amendment, Partner, Termination)


def data_version() -> dataversion.DataVersion:
    """The newest history row of everything an overview row prints (core/dataversion.py): one
    query tells every worker process at once that its cached overviews are stale."""
    return dataversion.read(SHOWN)


def cached_overview(
    agreements, *, year: int, committee: Committee | None = None, scope: str = ""
) -> Overview:
    """`build_overview`, kept in the cache. The key is the query itself (so visibility, filters
    and the status date are part of it), what the user sees (`scope`, `Access.scope`: one
    committee's rows never reach another committee's user, issue 13), the year, the language
    (labels are translated) and the data version."""
    valid = agreements.valid_in(year).order_by()
    try:
        query = str(valid.query)
    except EmptyResultSet:  # nothing to see (e.g. a user in no committee): nothing to cache
        return build_overview(agreements, year=year, committee=committee)
    digest = hashlib.sha256(
        "|".join(
            [query, scope, str(year), committee.abbreviation if committee else "", get_language() or ""]
        ).encode()
    ).hexdigest()
    version = data_version()
    key = f"partnerships:overview:{digest}:{version.token}"
    overview = cache.get(key)
    if overview is None:
        overview = build_overview(agreements, year=year, committee=committee)
        cache.set(key, overview, version.seconds_to_settle() or CACHE_SECONDS)
    return overview
