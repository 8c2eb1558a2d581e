"""The peer of the memo PDF: the same memo written as .docx, converted by LibreOffice headless.

That is what a secretary does with Word: write the memo, save it as PDF. The .docx is the one
the memo page offers for download (reports/word.py: python-docx, from the same `memo_context`
the PDF template prints), and LibreOffice converts it.
The conversion's time (one `soffice --convert-to pdf` run, started warm: the profile exists and
the binaries are in the page cache) is the peer's figure.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from reports.word import write_docx


def soffice() -> str | None:
    """LibreOffice's command, installed (Debian's libreoffice-writer-nogui) when missing."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None and shutil.which("apt-get"):
        sudo = [] if os.geteuid() == 0 else ["sudo", "-n"]
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run([*sudo, "apt-get", "update", "-qq"], env=env, capture_output=True)
        subprocess.run(
            [*sudo, "apt-get", "install", "-y", "-qq", "libreoffice-writer-nogui"],
            env=env,
            capture_output=True,
        )
        found = shutil.which("soffice") or shutil.which("libreoffice")
    return found


def convert(docx: Path, profile: Path) -> float:
    """Seconds LibreOffice takes to turn `docx` into PDF (one headless run)."""
    start = time.perf_counter()
    subprocess.run(
        [
            soffice(),
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(docx.parent),
            str(docx),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    elapsed = time.perf_counter() - start
    if not docx.with_suffix(".pdf").exists():
        raise RuntimeError(f"LibreOffice wrote no PDF for {docx}")
    return elapsed


@contextlib.contextmanager
def prepared(context: dict):
    """The memo written as .docx and LibreOffice warmed up on it (its profile made, its binaries in
    the page cache); yields a function that converts it once and returns the seconds taken."""
    with tempfile.TemporaryDirectory(prefix="bench-docx-") as folder:
        docx = Path(folder) / "memo.docx"
        write_docx(context, docx)
        profile = Path(folder) / "profile"
        convert(docx, profile)  # first run creates the profile: not counted
        yield lambda: convert(docx, profile)


def libreoffice_seconds(context: dict, repeat: int) -> list[float]:
    """Write the memo as .docx and time LibreOffice's conversion `repeat` times (after a warm-up)."""
    with prepared(context) as once:
        return [once() for _ in range(repeat)]
