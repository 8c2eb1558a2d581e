"""Every list as CSV or XLSX (`?format=csv|xlsx`, default xlsx), through core/exports.py.

Each download starts from the same QuerySet, access and filters as its page and carries the
same columns the page shows the role: the key figures masked as on the pages (counts under five)
for whoever sees aggregates only; the access log for the systemförvaltare alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.search import entries, search
from core import pagecache
from core.exports import FORMATS, export_response
from core.forms import YearForm
from core.params import whole_number
from initiatives import permissions as initiative_permissions
from initiatives.models import Initiative
from participants import occupancy
from participants import permissions as participant_permissions
from participants.models import Participant, Placement, PlacementOutcome
from partnerships import overview as overviews
from partnerships import pagescope, services
from partnerships import permissions as partnership_permissions
from partnerships.filters import AgreementFilter
from partnerships.forecast import build_forecast
from partnerships.models import Agreement, Partner
from reports import followups
from reports.keyfigure_rows import KRONOR_COLUMNS, key_figure_headings, key_figure_rows
from reports.keyfigures import build_key_figures
from reports.models import FollowUp, ReportedContribution

# The access log grows without end: one download holds at most this many rows (newest first).
AUDIT_EXPORT_LIMIT = 100_000


def _format(request: HttpRequest) -> str:
    fmt = request.GET.get("format", "xlsx")
    if fmt not in FORMATS:
        raise Http404(_("No such format."))
    return fmt


def _year(request: HttpRequest, default: int) -> int:
    form = YearForm(request.GET)
    if not form.is_valid():
        raise Http404(_("No such year."))
    return form.cleaned_data["year"] or default


@login_required
@permission_required("partnerships.view_agreement", raise_exception=True)
def overview(request: HttpRequest) -> HttpResponse:
    """The overview table as the page builds it (partnerships.views.overview): year, committee
    and status filters, decided agreements unless a status is asked for, and the sums row."""
    fmt = _format(request)
    agreements = Agreement.objects.for_access(request.access)
    today = timezone.localdate()
    year = _year(request, services.default_overview_year(agreements.years(), today))
    filterset = AgreementFilter(request.GET, queryset=agreements.with_status(min(today, date(year, 12, 31))))
    shown = filterset.qs
    if not (filterset.is_valid() and filterset.form.cleaned_data.get("status")):
        shown = shown.decided()
    committee = filterset.form.cleaned_data.get("committee") if filterset.is_valid() else None
    built = overviews.cached_overview(shown, year=year, committee=overviews.overview_committee(committee))
    rows = [
        [
            row.name,
            row.partners,
            row.categorisation,
            row.purpose,
            row.value,
            row.committee_cost,
            row.valid_to,
            row.case_number,
        ]
        for row in built.sorted_rows(request.GET.get("sort", ""))
    ]
    rows.append([_("Total"), None, None, None, built.total_value, built.total_committee_cost, None, None])
    return export_response(
        fmt,
        filename=f"iop-oversikt-{year}",
        title=_("Overview %(year)s") % {"year": year},
        headings=[*(heading for _key, heading in built.headings), _("Dnr")],
        rows=rows,
        kronor_columns=(4, 5),
    )


@login_required
@permission_required("partnerships.view_partner", raise_exception=True)
def partners(request: HttpRequest) -> HttpResponse:
    # No contact person any more (issue 26): a person's name is shown, and logged, on the
    # partner's page; the list has the organisation's address and where it is paid.
    rows = [
        [p.name, p.organisation_number, p.get_kind_display(), p.address, p.payment_account, p.agreement_count]
        for p in Partner.objects.with_agreement_count()
    ]
    return export_response(
        _format(request),
        filename="iop-partner",
        title=_("Partners"),
        headings=[_("Name"), _("Organisation number"), _("Kind"), _("Address"), _("Pay to"), _("Agreements")],
        rows=rows,
    )


@login_required
@permission_required("reports.view_followup", raise_exception=True)
def follow_ups(request: HttpRequest) -> HttpResponse:
    """The follow-up list of `?year=` (default last year): every agreement that ran, and its
    follow-up's status, or none yet."""
    year = _year(request, timezone.localdate().year - 1)
    agreements = followups.agreements_for_year(Agreement.objects.for_access(request.access), year)
    agreements = list(agreements.select_related("committee"))
    by_agreement = {
        f.agreement_id: f
        for f in FollowUp.objects.for_access(request.access).filter(year=year, agreement__in=agreements)
    }
    rows = []
    for agreement in agreements:
        follow_up = by_agreement.get(agreement.pk)
        rows.append(
            [
                agreement.name,
                agreement.committee.abbreviation,
                year,
                agreement.committee.follow_up_deadline(year),
                follow_up.get_status_display() if follow_up else _("not begun"),
                follow_up.enrolled if follow_up else None,
                timezone.localtime(follow_up.submitted_at).date()
                if follow_up and follow_up.submitted_at
                else None,
                timezone.localtime(follow_up.approved_at).date()
                if follow_up and follow_up.approved_at
                else None,
            ]
        )
    return export_response(
        _format(request),
        filename=f"iop-aterrapporter-{year}",
        title=_("Follow-ups %(year)s") % {"year": year},
        headings=[
            _("Agreement"),
            _("Committee"),
            _("Year"),
            _("Due"),
            _("Status"),
            _("Enrolled participants"),
            _("Submitted"),
            _("Approved"),
        ],
        rows=rows,
    )


@login_required
@permission_required("partnerships.view_agreement", raise_exception=True)
def forecast(request: HttpRequest) -> HttpResponse:
    """The forecast page's tables in one: a row per agreement, a column per year, each
    committee's sums row."""
    agreements = Agreement.objects.for_access(request.access).for_forecast().select_related("committee")
    committee = request.GET.get("committee", "")
    if committee:
        if whole_number(committee) is None:
            raise Http404(_("No such committee."))
        agreements = agreements.filter(committee=whole_number(committee))
    by_committee: dict = {}
    for agreement in agreements:
        by_committee.setdefault(agreement.committee, []).append(agreement)
    built = {c: build_forecast(rows) for c, rows in by_committee.items()}
    years = sorted({year for f in built.values() for year in f.years})
    rows = []
    for committee, forecast in sorted(built.items(), key=lambda item: item[0].name):
        for row in forecast.rows:
            a = row.agreement
            rows.append(
                [committee.abbreviation, a.name, a.valid_from, a.valid_to, *[row.costs.get(y) for y in years]]
            )
        rows.append([committee.abbreviation, _("Total"), None, None, *[forecast.total_for(y) for y in years]])
    return export_response(
        _format(request),
        filename="iop-prognos",
        title=_("Forecast"),
        headings=[_("Committee"), _("Agreement"), _("Valid from"), _("Valid to"), *[str(y) for y in years]],
        rows=rows,
        kronor_columns=range(4, 4 + len(years)),
    )


@login_required
@permission_required("partnerships.view_agreement", raise_exception=True)
def key_figures_list(request: HttpRequest) -> HttpResponse:
    """The key figures of `?year=` per decided agreement that ran in it and in sum (the
    overview workbook's second sheet), counts by gender masked unless the role sees individuals.
    From the cache (core/pagecache.py) while nothing of the committee's year changed: the
    agreements, their placements, and the people placed in them (a person's gender counts
    wherever they are placed)."""
    fmt = _format(request)
    year = _year(request, timezone.localdate().year)
    return pagecache.download(
        "key-figures",
        request,
        lambda: _key_figures_download(request, fmt, year),
        current=pagecache.scoped(
            pagescope.scope(
                request.access,
                # the previous year is printed beside each figure (issue 24)
                years=(year - 1, year),
                children=((Placement, "agreement_id"), (FollowUp, "agreement_id")),
                referenced=((Participant, Placement, "participant_id"),),
                # outcomes after the activity and reported contributions hang off placements and
                # follow-ups, a step further than the scope follows: any change of them counts
                shared=(PlacementOutcome, ReportedContribution),
            )
        ),
        parts=(year, fmt),
    )


def _key_figures_download(request: HttpRequest, fmt: str, year: int) -> HttpResponse:
    reachable = Agreement.objects.for_access(request.access)
    # The overview's committee filter, as its "key figures" link passes it on.
    filterset = AgreementFilter(request.GET, queryset=reachable)
    committee = filterset.form.cleaned_data.get("committee") if filterset.is_valid() else None
    chosen = reachable.filter(committee=committee) if committee else reachable
    decided = chosen.decided().order_by("name")
    report = build_key_figures(decided.valid_in(year), year, previous_agreements=decided.valid_in(year - 1))
    masked = not participant_permissions.can_see_participants(request.access)
    return export_response(
        fmt,
        filename=f"iop-nyckeltal-{year}",
        title=_("Key figures %(year)s") % {"year": year},
        headings=key_figure_headings(),
        rows=key_figure_rows(report, masked=masked),
        kronor_columns=KRONOR_COLUMNS,
    )


@login_required
def agreement_occupancy(request: HttpRequest, pk: int) -> HttpResponse:
    """An agreement's occupancy in each year of its validity: numbers only, for the municipal
    staff whose agreement page shows it (`can_see_history`: not the partner's view of it)."""
    agreement = get_object_or_404(Agreement.objects.for_access(request.access), pk=pk)
    if not partnership_permissions.can_see_history(request.access, agreement):
        raise PermissionDenied
    rows = [
        [
            usage.year,
            usage.capacity_amount,
            agreement.get_capacity_unit_display() if usage.capacity_unit else "",
            usage.placement_days,
            round(usage.full_year_places, 1),
            usage.individuals,
        ]
        for usage in occupancy.occupancy_by_year(agreement)
    ]
    return export_response(
        _format(request),
        filename=f"iop-belaggning-{agreement.pk}",
        title=_("Occupancy"),
        headings=[
            _("Year"),
            _("Capacity"),
            _("Capacity unit"),
            _("Placement days"),
            _("Full-year places used"),
            _("Individuals"),
        ],
        rows=rows,
    )


@login_required
@permission_required("audit.view_accesslogentry", raise_exception=True)
def access_log(request: HttpRequest) -> HttpResponse:
    """The access log with the page's search applied (audit/search.py: the initiatives' log
    too); participants and initiatives by id, as on the page."""
    found = search(request.GET).rows[:AUDIT_EXPORT_LIMIT]
    rows = (
        [
            timezone.localtime(entry.at).replace(microsecond=0),
            entry.user.get_username(),
            f"{entry.log.label} #{entry.subject_id}" if entry.log else f"#{entry.subject_id}",
            entry.get_action_display(),
            entry.url_name,
            entry.path,
        ]
        for chunk in _chunks(found, 2000)
        for entry in entries(chunk)
    )
    return export_response(
        _format(request),
        filename="iop-atkomstlogg",
        title=_("Access log"),
        headings=[_("When"), _("User"), _("Whose personal data"), _("Action"), _("Page"), _("Path")],
        rows=rows,
    )


def _chunks(rows: QuerySet, size: int) -> Iterator[list[dict]]:
    """`rows` (values) in lists of `size`, read as a stream: their users are read per chunk."""
    chunk = []
    for row in rows.iterator(chunk_size=size):
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


@login_required
def initiatives(request: HttpRequest) -> HttpResponse:
    """The committee's initiatives as the list shows them (issue 23): organisations and figures,
    no contact person."""
    if not initiative_permissions.can_see_initiatives(request.access):
        raise PermissionDenied
    rows = [
        [
            timezone.localtime(i.submitted_at).date(),
            i.dnr,
            i.title,
            i.organisation_name,
            i.organisation_number,
            i.committee.abbreviation,
            i.get_status_display(),
            i.own_contribution_per_year,
            i.requested_per_year,
        ]
        for i in Initiative.objects.for_access(request.access).select_related("committee")
    ]
    return export_response(
        _format(request),
        filename="iop-initiativ",
        title=_("Initiatives"),
        headings=[
            _("Submitted"),
            _("Case number (Dnr)"),
            _("Initiative"),
            _("Organisation"),
            _("Organisation number"),
            _("Committee"),
            _("Status"),
            _("The organisation's contribution per year"),
            _("Asked of the committee per year"),
        ],
        rows=rows,
        kronor_columns=(7, 8),
    )
