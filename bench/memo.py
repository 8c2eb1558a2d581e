"""The memo in `bench/run.py` (issue 22, memos at a click): each memo's click → PDF (POST
"Export" with the PDF the worker prepared, then the version's PDF), its cold render in today's
layout and in the layout before the cut (bench/legacy_memo.py), against LibreOffice converting the
same memo from .docx (bench/memo_peer.py), taking turns so the machine's load weighs on all alike;
then a worker's memory over many exports (bench/export_worker.py)."""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
import time
from datetime import date

from bench.inprocess import ROOT, logged_in, timed


@contextlib.contextmanager
def _no_peer():
    yield None


def worker(
    memo_id: int, count: int, checkpoints: list[int], fresh_fonts: bool = False, click: bool = False
) -> dict:
    command = [sys.executable, str(ROOT / "bench" / "export_worker.py"), str(memo_id), str(count)]
    command += ["--checkpoints", *map(str, checkpoints)] + (["--fresh-fonts"] if fresh_fonts else [])
    command += ["--click"] if click else []
    output = subprocess.run(command, check=True, capture_output=True, text=True, cwd=ROOT).stdout
    return json.loads(output.strip().splitlines()[-1])


# Issue 22's memo figures before: the click → the PDF against LibreOffice (over HTTP; 3.3×
# in-process for the 4-page memo), and its target.
MEMO_BEFORE = {"4-page memo": ("2.56× over HTTP (issue)", 8), "50-agreement memo": ("1.0–1.2× (issue)", 3)}


def run(results, today: date, repeat: int, smoke: bool, libreoffice: bool, export_count: int = 200) -> None:
    """Each memo three ways, taking turns so the machine's load weighs on all alike: the click
    (POST "Export" with the PDF the worker prepared, then the version's PDF: reports/prepared.py),
    the cold render of today's layout, and of the layout before its cut (bench/legacy_memo.py);
    LibreOffice converting the same memo from .docx is the peer."""
    import io

    from django.utils import translation
    from pypdf import PdfReader

    from bench import legacy_memo, memo_peer
    from bench.scale_data import bench_users
    from partnerships.models import Committee
    from reports import drafting, exports, prepared
    from reports.context import memo_context

    translation.activate("sv")
    secretary = logged_in(bench_users()["bench-sekreterare"])
    four = drafting.save_draft(
        drafting.draft_followup_memo(
            committee=Committee.objects.get(abbreviation="AN"),
            report_year=2021,
            overview_year=2022,
            date=date(2022, 3, 30),
        ),
        by=None,
    )
    fifty_committee = Committee.objects.get(abbreviation="BKF")
    fifty = drafting.save_draft(
        drafting.draft_followup_memo(
            committee=fifty_committee, report_year=today.year - 1, overview_year=today.year, date=today
        ),
        by=None,
    )
    peer_ok = libreoffice and memo_peer.soffice() is not None
    for memo, label in ((four, "4-page memo"), (fifty, "50-agreement memo")):
        before, goal = MEMO_BEFORE[label]
        pages = len(PdfReader(io.BytesIO(exports.render_memo_pdf(memo))).pages)
        legacy_pages = len(PdfReader(io.BytesIO(legacy_memo.render(memo))).pages)
        agreements = sum(1 for s in memo.sections.all() if s.agreement_id)
        prepared.prepare(memo.pk)  # what the task worker does once the memo is saved

        def click(memo=memo):
            response = secretary.post(f"/reports/memos/{memo.pk}/export/")
            assert response.status_code == 302, response.status_code
            number = memo.versions.order_by("-number").values_list("number", flat=True).first()
            pdf = secretary.get(f"/reports/memos/{memo.pk}/versions/{number}.pdf")
            assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")

        _, click_queries = timed(click, 0)
        _, cold_queries = timed(lambda memo=memo: exports.render_memo_pdf(memo), 0)
        turns = {
            "click": click,
            "cold": lambda memo=memo: exports.render_memo_pdf(memo),
            "legacy": lambda memo=memo: legacy_memo.render(memo),
        }
        times = {key: [] for key in [*turns, "peer"]}
        with memo_peer.prepared(memo_context(memo)) if peer_ok else _no_peer() as convert:
            for n in range(1 if smoke else max(4, repeat // 2)):
                # The order reversed every other round: a render timed right after another ran
                # measurably slower than one after LibreOffice's conversion, whichever layout it was.
                for key, function in list(turns.items())[:: -1 if n % 2 else 1]:
                    start = time.perf_counter()
                    function()
                    times[key].append(time.perf_counter() - start)
                if convert is not None:
                    times["peer"].append(convert())
        clicked = results.add(
            f"memo click → PDF, {label} (prepared)", agreements, times["click"], click_queries
        )
        cold = results.add(
            f"memo cold render, {label} ({pages} pages)", agreements, times["cold"], cold_queries
        )
        old = results.add(
            f"  same, layout before the cut ({legacy_pages} pages, same run)", agreements, times["legacy"]
        )
        results.target(
            f"memo cold render, {label}",
            f"{old['median_ms']:.0f} ms (layout before, same run)",
            f"{cold['median_ms']:.0f} ms, {old['median_ms'] / cold['median_ms']:.2f}× faster",
            "less layout work",
            None,
        )
        if not times["peer"]:
            results.target(
                f"memo click → PDF, {label}, vs LibreOffice",
                before,
                "LibreOffice missing",
                f"≥ {goal}×",
                None,
            )
            continue
        peer = results.add(f"LibreOffice docx→pdf, {label}", agreements, times["peer"])
        ratio = peer["median_ms"] / clicked["median_ms"]
        results.target(
            f"memo click → PDF, {label}, vs LibreOffice",
            before,
            f"{ratio:.1f}× ({clicked['median_ms']:.0f} vs {peer['median_ms']:.0f} ms; "
            f"cold {peer['median_ms'] / cold['median_ms']:.1f}×)",
            f"≥ {goal}×",
            None if smoke else ratio >= goal,
        )
    count, checkpoints = (2, [1, 2]) if smoke else (export_count, [min(20, export_count - 1), export_count])
    after = worker(four.pk, count, checkpoints)
    before = worker(four.pk, count, checkpoints, fresh_fonts=True)
    one = worker(four.pk, 1, [1])
    clicked = worker(four.pk, 1, [1], click=True)
    grow = after["checkpoints"][str(checkpoints[1])] - after["checkpoints"][str(checkpoints[0])]
    grow_before = before["checkpoints"][str(checkpoints[1])] - before["checkpoints"][str(checkpoints[0])]
    results.add(
        f"worker RSS after {checkpoints[0]} → {checkpoints[1]} exports",
        count,
        after["seconds"],
        None,
        after["peak_mb"],
        rss=after["checkpoints"],
    )
    results.add(
        "  same, a font configuration per export (before)",
        count,
        before["seconds"],
        None,
        before["peak_mb"],
        rss=before["checkpoints"],
    )
    results.add("one export in a fresh worker (cold render)", 1, one["seconds"], None, one["peak_mb"])
    results.add("one click in a fresh worker (prepared PDF)", 1, clicked["seconds"], None, clicked["peak_mb"])
    results.target(
        f"worker RSS, exports {checkpoints[0]} → {checkpoints[1]}",
        f"+{grow_before:.1f} MB (same run)",
        f"+{grow:.1f} MB",
        "≤ +10 MB",
        None if smoke else grow <= 10,
    )
    results.target(
        "peak RSS of one export",
        "159–161 MB (issue)",
        f"{one['peak_mb']:.0f} MB rendering; {clicked['peak_mb']:.0f} MB for a prepared PDF",
        "< 150 MB",
        None if smoke else one["peak_mb"] < 150,
    )
