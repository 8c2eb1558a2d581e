"""Measure the suite: a pytest plugin that logs each test's setup, call and teardown as CPU time
(the process's user+sys, which load on a shared machine disturbs far less than wall time) and
wall time (from pytest's configuration to its end; wrap the run in /usr/bin/time for the whole
process), and can run only the tests listed in a file (to compare like with like: the suite as
it was at a commit against the same tests today). Not loaded unless asked for.

    SUITE_TIMING_LOG=/tmp/now.tsv [SUITE_TIMING_IDS=ids.txt] nice -n 10 \\
        .venv/bin/python -m pytest -q -p no:cacheprovider -p tests.suite_timing
    .venv/bin/python tests/suite_timing.py /tmp/before.tsv /tmp/now.tsv   # totals, ratio

An older tree without this file loads it with PYTHONPATH=<this tree>/tests and
`-p suite_timing`. The ids file holds node ids as `pytest --collect-only -q` prints them.
"""

from __future__ import annotations

import os
import sys
import time

import pytest

_log = None


def _write(*fields) -> None:
    global _log
    if _log is None:
        _log = open(os.environ["SUITE_TIMING_LOG"], "a", buffering=1)  # noqa: SIM115
    _log.write("\t".join(str(field) for field in fields) + "\n")


def pytest_configure(config) -> None:
    if os.environ.get("SUITE_TIMING_LOG"):
        _write("#start", f"{time.time():.3f}", f"{time.process_time():.3f}")


def pytest_collection_modifyitems(config, items) -> None:
    if not os.environ.get("SUITE_TIMING_IDS"):
        return
    with open(os.environ["SUITE_TIMING_IDS"]) as ids:
        wanted = set(ids.read().splitlines())
    config.hook.pytest_deselected(items=[item for item in items if item.nodeid not in wanted])
    items[:] = [item for item in items if item.nodeid in wanted]


def pytest_collection_finish(session) -> None:
    if os.environ.get("SUITE_TIMING_LOG"):
        _write("#collected", f"{time.time():.3f}", f"{time.process_time():.3f}", len(session.items))


def _timed(item, when: str):
    cpu, wall = time.process_time(), time.time()
    try:
        return (yield)
    finally:
        item.user_properties.append(("suite_timing", when, time.process_time() - cpu, time.time() - wall))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item):
    return (yield from _timed(item, "setup"))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    return (yield from _timed(item, "call"))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item):
    return (yield from _timed(item, "teardown"))


def pytest_runtest_logreport(report) -> None:
    if not os.environ.get("SUITE_TIMING_LOG"):
        return
    for _key, when, cpu, wall in (p for p in report.user_properties if p[0] == "suite_timing"):
        if when == report.when:
            _write(report.nodeid, when, f"{cpu:.3f}", f"{wall:.3f}", report.outcome)


def pytest_unconfigure(config) -> None:
    if os.environ.get("SUITE_TIMING_LOG"):
        _write("#finish", f"{time.time():.3f}", f"{time.process_time():.3f}")


def summary(path: str) -> dict[str, float]:
    """CPU and wall seconds: start-up and collection, the first setup (the test database is
    created there), the tests' setup, call and teardown, and the whole run."""
    marks, phases = {}, {"setup": [0.0, 0.0], "call": [0.0, 0.0], "teardown": [0.0, 0.0]}
    first_setup, tests = None, 0
    with open(path) as log:
        for line in log:
            fields = line.rstrip("\n").split("\t")
            if fields[0].startswith("#"):
                marks[fields[0]] = (float(fields[1]), float(fields[2]))
                continue
            when, cpu, wall = fields[1], float(fields[2]), float(fields[3])
            if when == "setup" and first_setup is None:
                first_setup = (cpu, wall)
            phases[when][0] += cpu
            phases[when][1] += wall
            tests += when == "call"
    out = {"tests": tests}
    if "#collected" in marks:
        out["collection_cpu"] = marks["#collected"][1]
    if first_setup:
        out["first_setup_cpu"], out["first_setup_wall"] = first_setup
    for when, (cpu, wall) in phases.items():
        out[f"{when}_cpu"], out[f"{when}_wall"] = cpu, wall
    if "#finish" in marks:
        out["total_cpu"] = marks["#finish"][1]
        out["total_wall"] = marks["#finish"][0] - marks["#start"][0]
    return out


if __name__ == "__main__":
    results = [summary(path) for path in sys.argv[1:]]
    for path, result in zip(sys.argv[1:], results, strict=True):
        print(path, " ".join(f"{key}={value:.1f}" for key, value in result.items()))
    if len(results) == 2 and "total_cpu" in results[0] and "total_cpu" in results[1]:
        print(f"ratio cpu {results[0]['total_cpu'] / results[1]['total_cpu']:.2f}")
        print(f"ratio wall {results[0]['total_wall'] / results[1]['total_wall']:.2f}")
