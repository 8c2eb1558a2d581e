"""The suite inside its budget (issue 22): the crash guards' inputs on each database, the nightly
`make test-deep`, and the table of times `.ci/run` prints at its end. No database: these read
the guards' input lists, the Makefile and the CI script."""

from __future__ import annotations

import functools
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_no_server_errors import past_64_bits

ROOT = Path(__file__).resolve().parent.parent
LISTS = ("HUGE_IDS", "ABSURD_YEARS", "ABSURD_VALUES", "ADMIN_IDS", "ADMIN_HISTORY_IDS")


@pytest.mark.parametrize(
    ("value", "past"),
    [
        (2**63, True),
        (2**63 - 1, False),
        (10**20, True),
        ("99999999999999999999", True),
        ("9223372036854775808", True),
        ("9223372036854775807", False),
        ("-99999999999999999999", False),
        ("1e400", False),
        ("١٢٣٤٥٦٧٨٩٠١٢٣٤٥٦٧٨٩٠", False),
        ("", False),
        ("x" * 10_000, False),
    ],
)
def test_past_64_bits_is_a_number_sqlite_cannot_take(value, past):
    assert past_64_bits(value) is past


@functools.cache
def guard_inputs(absurd_inputs: str | None) -> dict[str, list]:
    """The URL guard's input lists as the module builds them with ABSURD_INPUTS set so."""
    env = {key: value for key, value in os.environ.items() if key != "ABSURD_INPUTS"}
    if absurd_inputs is not None:
        env["ABSURD_INPUTS"] = absurd_inputs
    code = (
        "import django; django.setup(); from tests import test_no_server_errors as t; "
        f"print(repr({{name: getattr(t, name) for name in {LISTS!r}}}))"
    )
    env.setdefault("DJANGO_SETTINGS_MODULE", "iop_registry.settings")
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return eval(result.stdout.strip().splitlines()[-1])  # noqa: S307 (our own repr of lists)


def test_sqlite_gets_every_number_past_64_bits_and_nothing_else():
    full, reduced = guard_inputs(None), guard_inputs("past-64-bits")
    assert guard_inputs("all") == full
    for name in LISTS:
        values = full[name]
        expected = [v for v in values if any(map(past_64_bits, v if isinstance(v, tuple) else [v]))]
        assert reduced[name] == expected, name
        assert expected, f"{name}: SQLite would try nothing"
        assert len(expected) < len(values), f"{name}: no smaller on SQLite"


def test_an_unknown_absurd_inputs_value_stops_the_run():
    with pytest.raises(AssertionError, match="ABSURD_INPUTS is 'all'"):
        guard_inputs("some")


def test_ci_runs_each_guard_in_full_on_postgresql_and_reduced_on_sqlite():
    script = (ROOT / ".ci" / "run").read_text()
    postgresql = next(line for line in script.splitlines() if line.startswith('part "PostgreSQL"'))
    sqlite = next(line for line in script.splitlines() if line.startswith('part "SQLite"'))
    assert "FORM_EXAMPLES=50" in postgresql and "ABSURD_INPUTS=all" in postgresql
    assert "FORM_EXAMPLES=10 " in sqlite and "ABSURD_INPUTS=past-64-bits" in sqlite


def test_make_test_deep_runs_both_guards_at_full_budget_on_both_databases():
    result = subprocess.run(
        ["make", "-n", "--no-print-directory", "test-deep", "DEEP_DATABASE_URL=postgres://deep"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    runs = [line for line in result.stdout.replace("\\\n", "").splitlines() if "pytest" in line]
    assert len(runs) == 2, result.stdout
    postgresql, sqlite = runs
    assert "DATABASE_URL=postgres://deep" in postgresql and "-u DATABASE_URL" in sqlite
    for run in runs:
        assert "FORM_EXAMPLES=300" in run and "ABSURD_INPUTS=all" in run and "-u CI" in run
        assert "tests/test_every_form.py" in run and "tests/test_no_server_errors.py" in run


def run_parts(tmp_path: Path, parts: str) -> subprocess.CompletedProcess:
    """.ci/run's part() and summary() with other parts (the real ones run the suite)."""
    script = (ROOT / ".ci" / "run").read_text()
    functions = script[script.index("PARTS=()") : script.index("trap summary EXIT")]
    runner = tmp_path / "run"
    runner.write_text(f"set -euo pipefail\n{functions}trap summary EXIT\n{parts}\n")
    return subprocess.run(["bash", str(runner)], capture_output=True, text=True, check=False)


def table(output: str) -> dict[str, int]:
    rows = output.split("== Time per part ==\n", 1)[1].splitlines()[1:]
    return {re.split(r"\s{2,}", row)[0]: int(row.split()[-2]) for row in rows if re.search(r"\d+:\d\d$", row)}


def test_ci_run_ends_with_every_parts_time_and_the_total(tmp_path):
    result = run_parts(tmp_path, 'part "First part" sleep 1\npart "Second part" true')
    assert result.returncode == 0, result.stderr
    times = table(result.stdout)
    assert list(times) == ["First part", "Second part", "start-up (PostgreSQL, Redis)", "total"]
    assert times["First part"] >= 1 and times["total"] >= times["First part"] + times["Second part"]


def test_a_failed_part_is_named_in_the_table_and_the_run_still_fails(tmp_path):
    result = run_parts(tmp_path, 'part "Passes" true\npart "Fails" bash -c "exit 3"\npart "Never" true')
    assert result.returncode == 3
    assert list(table(result.stdout)) == ["Passes", "Fails (failed)", "start-up (PostgreSQL, Redis)", "total"]
