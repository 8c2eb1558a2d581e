"""The apps' import rule, read from the code itself (ast): no cycle, and no app imports one above it.

The layers, bottom to top, as the imports of 2026-12 have them:

    core          widgets, optimistic locking, money formatting, history, the predicate registry,
                  the followers of an agreement's money (core/agreement_changes.py)
    accounts      who the user is: roles, memberships, the per-request access object
    audit         the access log every page with personal data writes
    partnerships  committees, partners, agreements and their money
    payments      payment plans: each agreement's instalments, paid or withheld
    meetings      the partnerships' working and steering group meetings and their decisions
    initiatives   organisations' initiatives and their assessment (issue 23)
    participants  people placed in the agreements' activities
    reports       follow-ups and memos about agreements and placements
    contracting   the agreement document (överenskommelse), its versions and signed copies (issue 23)
    portal        the partner organisations' pages over all of the above
    terminations  ending an agreement early: partnerships, payments, placements and reminders (issue 26)
    imports       partners and agreements from a spreadsheet, through partnerships' forms and services
    exports       every list's CSV/XLSX download, over the domain apps and reports' builders
    api           the REST API over the domain apps (issue 15)
    archive       an agreement's case as an archive package (issue 23): reads all, read by none
    iop_registry  the project: settings, URLs, load_demo

An app may import its own layer and those below it. accounts' models name partnerships' models
by string ("partnerships.Committee"), which is a migration dependency but no import; the rule is
about Python imports, including those under TYPE_CHECKING. Tests are not held to it (a test may
build data from any app).
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYERS = [
    "core",
    "accounts",
    "audit",
    "partnerships",
    "payments",
    "meetings",
    "initiatives",
    "participants",
    "reports",
    "contracting",
    "portal",
    "notifications",
    "terminations",
    "dashboard",
    "operations",
    "imports",
    "exports",
    "api",
    "archive",
    "iop_registry",
]
RANK = {app: rank for rank, app in enumerate(LAYERS)}


def app_modules(app: str) -> list[Path]:
    return [
        path
        for path in sorted((ROOT / app).rglob("*.py"))
        if "tests" not in path.relative_to(ROOT).parts and "__pycache__" not in path.parts
    ]


def imported_apps(path: Path) -> set[str]:
    """The project's apps a module imports (absolute imports; relative ones stay in the app)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found |= {name.split(".")[0] for name in names} & RANK.keys()
    return found


@functools.cache
def import_graph() -> dict[str, dict[str, list[str]]]:
    """app -> {imported app: [modules that import it]}."""
    graph: dict[str, dict[str, list[str]]] = {app: {} for app in LAYERS}
    for app in LAYERS:
        for path in app_modules(app):
            for other in imported_apps(path) - {app}:
                graph[app].setdefault(other, []).append(str(path.relative_to(ROOT)))
    return graph


def test_every_project_package_has_a_layer():
    packages = {
        path.parent.name
        for path in ROOT.glob("*/__init__.py")
        if (path.parent / "apps.py").exists() or path.parent.name == "iop_registry"
    }
    assert packages == set(LAYERS)


def test_the_reader_sees_imports_of_every_kind(tmp_path):
    module = tmp_path / "m.py"
    module.write_text(
        "import reports.models\n"
        "from partnerships import services\n"
        "from .models import X\n"
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from accounts.access import Access\n"
        "def f():\n    from portal import views\n"
    )
    assert imported_apps(module) == {"reports", "partnerships", "accounts", "portal"}


@pytest.mark.parametrize("app", LAYERS)
def test_no_app_imports_one_above_it(app):
    above = {other: modules for other, modules in import_graph()[app].items() if RANK[other] > RANK[app]}
    assert above == {}, f"{app} imports apps above it: {above}"


def test_no_import_cycle_between_apps():
    graph = {app: set(edges) for app, edges in import_graph().items()}
    cycles = []

    def visit(app: str, path: list[str]) -> None:
        for other in sorted(graph[app]):
            if other in path:
                cycles.append(path[path.index(other) :] + [other])
            else:
                visit(other, [*path, other])

    for app in LAYERS:
        visit(app, [app])
    assert cycles == []
