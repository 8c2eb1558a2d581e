"""The in-process measurements of `bench/run.py`: pages through Django's test client, the memo
PDF against LibreOffice, a worker's memory over many exports, and occupancy."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext, setup_test_environment

ROOT = Path(__file__).resolve().parent.parent


def timed(function, repeat: int) -> tuple[list[float], int]:
    """Seconds of `repeat` calls (after one warm-up call) and the queries of one call."""
    function()
    reset_queries()  # a request clears the log when it starts: count from an empty one
    with CaptureQueriesContext(connection) as queries:
        function()
    count = len(queries)  # now: the captured list is a slice of the log, which the next request clears
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return times, count


def logged_in(user) -> Client:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client = Client()
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None:  # as if the code had been typed
        from django_otp import DEVICE_ID_SESSION_KEY

        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


def page(results, client: Client, what: str, url: str, rows, repeat: int, check=None, status=200):
    def get():
        response = client.get(url)
        assert response.status_code == status, (url, response.status_code)
        return response

    times, queries = timed(get, repeat)
    row = results.add(what, rows, times, queries, url=url)
    if check:
        row.update(check(get()))
    return row


def run(results, sizes: dict, work: Path, *, smoke: bool, libreoffice: bool) -> None:
    setup_test_environment()
    from bench.scale_data import bench_users
    from participants.models import Placement
    from partnerships.models import Agreement
    from reports.models import FollowUp, Memo

    users = bench_users()
    admin = users["bench-admin"]
    admin.is_staff = admin.is_superuser = True
    admin.save(update_fields=["is_staff", "is_superuser"])
    admin.totpdevice_set.get_or_create(name="bench", defaults={"confirmed": True})
    official, coordinator = logged_in(users["bench-handlaggare"]), logged_in(users["bench-koordinator"])
    administrator = logged_in(admin)
    repeat = sizes["repeat"]
    today = date.today()
    shown = Agreement.objects.decided().valid_in(today.year).count()

    # Fixed queries of a logged-in page: an unknown path answers 404 after the middleware (session,
    # user, access, second factor) has run, with no page of its own to query for.
    fixed = page(
        results,
        official,
        "fixed overhead: logged-in page not found",
        "/bench-no-such-page/",
        None,
        repeat,
        status=404,
    )
    results.target(
        "fixed queries of a logged-in page",
        "~10 (issue)",
        f"{fixed['queries']}",
        "≤ 4",
        fixed["queries"] <= 4,
    )

    overview = page(
        results, official, f"overview {shown} agreements", f"/agreements/?year={today.year}", shown, repeat
    )
    page(
        results,
        administrator,
        f"admin changelist {Agreement.objects.count()} agreements",
        "/admin/partnerships/agreement/",
        Agreement.objects.count(),
        repeat,
    )
    results.target(
        f"overview of {shown} agreements",
        "423 ms (issue)",
        f"{overview['median_ms']:.0f} ms, {423 / overview['median_ms']:.1f}× the issue's",
        "≥ 4× faster",
        None if smoke else 423 / overview["median_ms"] >= 4,
    )
    lists = [
        ("memos list", official, "/reports/", Memo.objects.count()),
        (
            "follow-ups list",
            official,
            f"/reports/follow-ups/?year={today.year - 1}",
            FollowUp.objects.filter(year=today.year - 1).count(),
        ),
        ("audit log", administrator, "/audit/", None),
        ("participant list (agreement filter)", coordinator, "/participants/", None),
    ]
    from audit.models import AccessLogEntry
    from participants.models import Participant

    for what, client, url, rows in lists:
        rows = (
            rows
            if rows is not None
            else (AccessLogEntry.objects.count() if "audit" in what else Participant.objects.count())
        )
        row = page(results, client, what, url, rows, repeat)
        html = client.get(url).content.decode()
        row["options"] = html.count("<option")
        row["table_rows"] = html.count("<tr")
    last = (
        Agreement.objects.filter(successors__isnull=True, predecessor__isnull=False)
        .order_by("-valid_from")
        .first()
    )
    if last is not None:
        page(
            results,
            official,
            "agreement page (chain)",
            f"/agreements/{last.pk}/",
            Agreement.objects.count(),
            repeat,
        )
    bounded = [
        r
        for r in results.rows
        if r["what"] in {w for w, *_ in lists} or r["what"] == "agreement page (chain)"
    ]
    results.target(
        "memos, follow-ups, audit log, participant filter, chain",
        "linear (issue)",
        "; ".join(
            f"{r['what'].split(' ')[0]} {r['queries']} q, {r['table_rows']} tr"
            if "table_rows" in r
            else f"{r['what'].split(' ')[0]} {r['queries']} q"
            for r in bounded
        ),
        "paginated or bounded",
        None,
    )

    from bench import pages

    pages.run(
        results,
        users,
        administrator,
        repeat,
        today,
        smoke=smoke,
        national=sizes.get("size") == "national",
    )
    api_queries(results, users, smoke)
    occupancy(results, repeat, today, smoke)
    if sizes.get("memo", True):
        from bench import memo

        memo.run(results, today, repeat, smoke, libreoffice, export_count=sizes.get("exports", 200))
    _ = Placement  # imported for the reader: occupancy counts placements


def api_queries(results, users: dict, smoke: bool) -> None:
    """The API's agreement list at page sizes 10, 50 and 200: its queries (issue 22: 3 a row)."""
    from bench.pages import _api_client

    client = _api_client(users["bench-handlaggare"])
    counts = []
    for size in (10, 50, 200):
        url = f"/api/v1/agreements/?page_size={size}"

        def get(url=url):
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            return response

        _, queries = timed(get, 0)
        rows = len(get().json()["results"])
        results.add(f"API agreements, page of {size}", rows, None, queries, url=url)
        counts.append(queries)
    results.target(
        "API list queries at page size 10 / 50 / 200",
        "42 / 159 / 609 (issue)",
        " / ".join(map(str, counts)),
        "constant in rows",
        None if smoke else len(set(counts)) == 1,
    )


def occupancy(results, repeat: int, today: date, smoke: bool) -> None:
    """All agreements' occupancy of one year: the aggregate query vs every placement in Python."""
    from participants import occupancy as occ
    from participants.models import Placement
    from partnerships.models import Agreement

    year = today.year - 1
    agreements = list(Agreement.objects.all())

    def aggregate():
        return occ.usage_by_agreement(agreements, year)

    def per_row():
        first, last = date(year, 1, 1), date(year, 12, 31)
        days, people = {}, {}
        for (
            agreement_id,
            participant_id,
            start,
            actual_end,
            planned_end,
            valid_to,
        ) in Placement.objects.values_list(
            "agreement_id", "participant_id", "start", "actual_end", "planned_end", "agreement__valid_to"
        ).order_by():
            end = min(actual_end or planned_end or valid_to, last)
            covered = (end - max(start, first)).days + 1
            if covered > 0:
                days[agreement_id] = days.get(agreement_id, 0) + covered
                people.setdefault(agreement_id, set()).add(participant_id)
        return {pk: (days.get(pk, 0), len(people.get(pk, ()))) for pk in (a.pk for a in agreements)}

    quick = aggregate()
    slow = per_row()
    same = all((quick[pk].placement_days, quick[pk].individuals) == slow[pk] for pk in slow)
    # Side by side: the two take turns (one per-row run to every three aggregates), so a change
    # in the shared machine's load weighs on both alike and their ratio stays honest.
    _, fast_queries = timed(aggregate, 0)
    _, slow_queries = timed(per_row, 0)
    fast_times, slow_times = [], []
    for n in range(max(repeat, 9)):
        turns = [(aggregate, fast_times)] + ([(per_row, slow_times)] if n % 3 == 0 else [])
        for function, times in turns:
            start = time.perf_counter()
            function()
            times.append(time.perf_counter() - start)
    rows = Placement.objects.count()
    fast = results.add(f"occupancy {len(agreements)} agreements, aggregate", rows, fast_times, fast_queries)
    slow_row = results.add(
        f"occupancy {len(agreements)} agreements, per-row Python", rows, slow_times, slow_queries
    )
    disk = None
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            sql, params = occ.usage_sql(agreements, year)
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
            plan = "\n".join(line for (line,) in cursor.fetchall())
        disk = "Disk" in plan or "external" in plan
        fast["plan"] = plan
    ratio = slow_row["median_ms"] / fast["median_ms"]
    results.target(
        f"occupancy {len(agreements)} agreements, aggregate vs per-row",
        "3× (issue)",
        f"{ratio:.1f}×, sort on disk: {disk}, same figures: {same}",
        "≥ 10×, no sort on disk",
        None if smoke else (ratio >= 10 and not disk and same),
    )
