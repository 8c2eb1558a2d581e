"""The overview page as it was built before partnerships/overview.py, kept only so that
bench/overview.py can time today's page against it in the same run (django-tables2 renders every
cell through its column objects; no cache, no pagination). Not imported by the application."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.formatting import format_kr, format_short_date
from partnerships.models import Agreement


@dataclass(frozen=True)
class OverviewRow:
    """One agreement as the overview prints it, with its amounts in the chosen year's prices."""

    agreement: Agreement
    name: str
    partners: str
    categorisation: str
    purpose: str
    value: Decimal
    committee_cost: Decimal
    valid_to: date

    @classmethod
    def for_year(cls, agreement: Agreement, year: int) -> OverviewRow:
        amounts = agreement.yearly_amounts(year)
        return cls(
            agreement=agreement,
            name=agreement.name,
            partners=", ".join(party.partner.name for party in agreement.parties.all()),
            categorisation=agreement.categorisation,
            purpose=agreement.purpose,
            value=amounts.value,
            committee_cost=amounts.committee_cost,
            valid_to=agreement.valid_to,
        )


def overview_rows(agreements, year: int) -> list[OverviewRow]:
    """The overview's rows for `year`: every agreement valid that year, largest value first
    (the order of the committee's own table in the follow-up memo (docs/domain.md))."""
    rows = [OverviewRow.for_year(agreement, year) for agreement in agreements.valid_in(year).for_listing()]
    return sorted(rows, key=lambda row: (-row.value, row.name))


class KronorColumn(tables.Column):
    def __init__(self, **kwargs):
        attrs = {
            "td": {"class": "text-end text-nowrap"},
            "th": {"class": "text-end"},
            "tf": {"class": "text-end text-nowrap fw-bold"},
        }
        super().__init__(attrs=attrs, **kwargs)

    def render(self, value):
        return format_kr(value)

    def render_footer(self, bound_column, table):
        """The sums row: the column's total over every row shown."""
        return format_kr(sum((bound_column.accessor.resolve(row) for row in table.data), Decimal(0)))


class OverviewTable(tables.Table):
    name = tables.Column(verbose_name=_("Name"), footer=_("Total"))
    partners = tables.Column(verbose_name=_("Partner(s)"))
    categorisation = tables.Column(verbose_name=_("Categorisation/target group"))
    purpose = tables.Column(verbose_name=_("Purpose of the activity"))
    value = KronorColumn(verbose_name=_("Calculated value/year"))
    committee_cost = KronorColumn(verbose_name=_("Committee cost/year"))
    valid_to = tables.Column(verbose_name=_("Validity"), attrs={"td": {"class": "text-nowrap"}})

    class Meta:
        attrs = {"class": "table table-sm table-striped align-top overview-table"}
        orderable = True
        empty_text = _("No agreements are valid this year.")

    def __init__(self, rows, *args, committee_abbreviation: str | None = None, **kwargs):
        super().__init__(rows, *args, **kwargs)
        if committee_abbreviation:
            # "Kostnad AN/år", as the committee's own table heads the column.
            self.columns["committee_cost"].column.verbose_name = _("Cost %(committee)s/year") % {
                "committee": committee_abbreviation
            }

    def render_name(self, value, record):
        link = format_html('<a href="{}">{}</a>', record.agreement.get_absolute_url(), value)
        if record.agreement.stage == Agreement.Stage.DRAFT:
            return format_html(
                '{} <span class="badge text-bg-warning">{}</span>', link, Agreement.Stage.DRAFT.label
            )
        return link

    def render_valid_to(self, value):
        return format_short_date(value)


def legacy_overview(request):
    """The old view body of partnerships.views.overview, rendering through django-tables2."""
    from django.shortcuts import render
    from django.utils import timezone
    from django_tables2 import RequestConfig

    from core.forms import YearForm
    from partnerships import services
    from partnerships.filters import AgreementFilter

    agreements = Agreement.objects.for_access(request.access)
    year_form = YearForm(request.GET)
    year_form.is_valid()
    today = timezone.localdate()
    years = agreements.years()
    year = year_form.cleaned_data["year"] or services.default_overview_year(years, today)
    filterset = AgreementFilter(request.GET, queryset=agreements.with_status(min(today, date(year, 12, 31))))
    shown = filterset.qs
    if not (filterset.is_valid() and filterset.form.cleaned_data.get("status")):
        shown = shown.decided()
    rows = overview_rows(shown, year)
    abbreviations = {row.agreement.committee.abbreviation for row in rows}
    table = OverviewTable(
        rows, committee_abbreviation=abbreviations.pop() if len(abbreviations) == 1 else None
    )
    RequestConfig(request, paginate=False).configure(table)
    return render(
        request,
        "bench/legacy_overview.html",
        {"table": table, "filter": filterset, "year": year, "years": years, "row_count": len(rows)},
    )
