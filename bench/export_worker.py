"""One long-lived process exporting a memo again and again, as a gunicorn worker would.

Usage: python bench/export_worker.py MEMO_ID COUNT [--checkpoints 20 200] [--fresh-fonts]

Prints JSON: RSS (MB) before the first export, after each checkpoint, and the process's peak RSS.
`--fresh-fonts` builds a new WeasyPrint font configuration per export, as the code did before
issue 10, for the "before" figure of the same run. `--click` exports as the memo's "Export"
button does (reports/exports.py: export_memo), taking the PDF the task worker prepared when the
memo is unchanged, in a process that has not imported WeasyPrint (issue 22).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iop_registry.settings")


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def peak_mb() -> float:
    """This process's peak RSS (VmHWM). Not getrusage's ru_maxrss: Linux keeps that across
    exec, so a worker started by the 180 MB bench runner reported the runner's peak."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("memo_id", type=int)
    parser.add_argument("count", type=int)
    parser.add_argument("--checkpoints", type=int, nargs="*", default=[])
    parser.add_argument("--fresh-fonts", action="store_true")
    parser.add_argument("--click", action="store_true")
    args = parser.parse_args()

    import django

    django.setup()
    from django.utils import translation

    from reports import exports, pdf
    from reports.models import Memo

    if args.fresh_fonts:
        from weasyprint.text.fonts import FontConfiguration

        pdf.font_configuration = FontConfiguration  # a new one per call: the old behaviour

    translation.activate("sv")
    if not args.click:
        import weasyprint  # noqa: F401  (imported by any worker that has rendered a memo)

    memo = Memo.objects.get(pk=args.memo_id)
    result = {"idle_mb": rss_mb(), "checkpoints": {}, "seconds": []}
    for n in range(1, args.count + 1):
        start = time.perf_counter()
        if args.click:
            exports.export_memo(memo=memo, by=None)
        else:
            exports.render_memo_pdf(memo)
        result["seconds"].append(time.perf_counter() - start)
        if n in args.checkpoints:
            result["checkpoints"][str(n)] = rss_mb()
    result["peak_mb"] = peak_mb()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
