"""Every page issue 22 names that `inprocess.py` does not already time: p50, p95 and queries
of each, through Django's test client as the role that uses it, so `make bench-national` prints
every page at national scale (issue 22: "11 of 21 pages are over 200 ms at p95").

A page that answers with another status than 200 is printed with that status instead of
stopping the run: at national scale a slow page is a finding, not an error of the benchmark.
"""

from __future__ import annotations

from datetime import date

from django.test import Client

from bench.inprocess import logged_in, timed

# Issue 22's p95 at national scale before (ms), by the start of the row's name.
BEFORE_NATIONAL = {
    "participant list": 5474,
    "key-figures CSV": 3750,
    "API key figures": 3083,
    "/offentligt/": 1916,
    "forecast": 1805,
    "payments": 1105,
    "audit log": 574,
    "partners": 470,
    "overview ": 410,
}


def _api_client(user) -> Client:
    from api.models import ApiToken

    _, raw = ApiToken.issue(user=user, name="bench")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def urls(users: dict, today: date) -> list[tuple[str, str, str]]:
    """(what, who, url) of each page; who is a key of `clients()`."""
    from participants.models import Participant
    from partnerships.models import Agreement, Partner
    from reports.models import FollowUp, Memo

    current = Agreement.objects.decided().valid_in(today.year).order_by("pk").first()
    busiest = Agreement.objects.decided().valid_in(today.year).order_by("-pk").first() if current else None
    person = Participant.objects.filter(placements__isnull=False).order_by("pk").first()
    partner = Partner.objects.filter(name__startswith="Bench förening").order_by("pk").first()
    memo = Memo.objects.filter(sections__isnull=False).order_by("pk").first()
    follow_up = FollowUp.objects.order_by("-year", "pk").first()
    pages = [
        ("start page", "official", "/"),
        ("start page, coordinator", "coordinator", "/"),
        ("forecast", "official", "/agreements/forecast/"),
        ("payments", "official", "/payments/"),
        ("partners", "official", "/partners/"),
        ("/offentligt/", "anonymous", "/offentligt/"),
        ("participant list", "coordinator", "/participants/"),
        ("participant search", "coordinator", "/participants/?q=Andersson"),
        ("retention runs", "admin", "/audit/retention/"),
        ("reminders", "official", "/reminders/"),
        ("search", "official", "/search/?q=Bench"),
        ("API agreements, page of 50", "api", "/api/v1/agreements/"),
        ("API agreements, page of 200", "api", "/api/v1/agreements/?page_size=200"),
        ("API key figures", "api", f"/api/v1/key-figures/?year={today.year - 1}"),
        ("API forecast", "api", "/api/v1/forecast/"),
        ("key-figures CSV", "official", f"/export/key-figures/?year={today.year - 1}"),
        ("overview CSV", "official", f"/export/overview/?year={today.year}"),
        ("partners CSV", "official", "/export/partners/"),
    ]
    if current is not None:
        pages += [
            ("agreement page", "official", f"/agreements/{current.pk}/"),
            ("agreement's participants", "coordinator", f"/participants/agreements/{busiest.pk}/"),
            ("agreement's payment plan", "official", f"/payments/agreements/{current.pk}/"),
            ("agreement's occupancy CSV", "official", f"/export/agreements/{current.pk}/occupancy/"),
        ]
    if person is not None:
        pages.append(("participant page", "coordinator", f"/participants/{person.pk}/"))
    if partner is not None:
        pages.append(("partner page", "official", f"/partners/{partner.pk}/"))
    if memo is not None:
        pages.append(("memo page", "official", f"/reports/memos/{memo.pk}/"))
    if follow_up is not None:
        pages.append(("follow-up page", "official", f"/reports/follow-ups/{follow_up.pk}/"))
    return pages


def run(
    results, users: dict, admin_client: Client, repeat: int, today: date, *, smoke: bool, national: bool
) -> None:
    clients = {
        "official": logged_in(users["bench-handlaggare"]),
        "coordinator": logged_in(users["bench-koordinator"]),
        "admin": admin_client,
        "anonymous": Client(),
        "api": _api_client(users["bench-handlaggare"]),
    }
    for what, who, url in urls(users, today):
        client = clients[who]
        status = client.get(url).status_code
        if status != 200:
            results.add(f"{what} (answered {status})", None, None, None, url=url, status=status)
            continue
        times, queries = timed(lambda client=client, url=url: client.get(url), repeat)
        results.add(what, None, times, queries, url=url, status=status)
    pages = [r for r in results.rows if r.get("p95_ms") is not None and r.get("url")]
    over = [r for r in pages if r["p95_ms"] > 200]
    results.target(
        "every page p95 ≤ 200 ms",
        "11 of 21 over (issue)",
        f"{len(over)} of {len(pages)} over",
        "0 over",
        None if smoke else not over,
    )
    if over:
        results.targets.append(
            {
                "what": "  over 200 ms",
                "before": "",
                "measured": ", ".join(r["what"] for r in over)[:200],
                "target": "",
                "met": None,
            }
        )
    if national:
        before_and_after(results, smoke=smoke)


def before_and_after(results, *, smoke: bool) -> None:
    """The pages issue 22 measured at national scale: its p95, today's and the ratio."""
    for start, before in BEFORE_NATIONAL.items():
        row = next((r for r in results.rows if r["what"].startswith(start) and r.get("p95_ms")), None)
        if row is None:
            continue
        results.target(
            f"p95 {row['what']}",
            f"{before:,} ms (issue)",
            f"{row['p95_ms']:.0f} ms, {before / row['p95_ms']:.1f}× faster" + (" (a try)" if smoke else ""),
            "≤ 200 ms",
            None if smoke else row["p95_ms"] <= 200,
        )
