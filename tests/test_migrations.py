"""A fresh database is made by each app's squashed migration, not the files it replaces, and no
two of the migrations it runs share a number (issue 25 item 14; docs/architecture.md, Migrations).
The replaced files stay for databases upgraded from an earlier release."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db.migrations.loader import MigrationLoader

ROOT = Path(settings.BASE_DIR)
OWN_APPS = {app.label for app in apps.get_app_configs() if ROOT in Path(app.path).parents}


def fresh_database_graph():
    """The graph `migrate` plans over for an empty database (nothing applied)."""
    return MigrationLoader(None).graph


def squashed_migrations():
    loader = MigrationLoader(None, replace_migrations=False)
    return {key: migration for key, migration in loader.disk_migrations.items() if migration.replaces}


def test_the_project_squashes_its_migrations():
    assert {app for app, _ in squashed_migrations()} >= {
        "accounts",
        "partnerships",
        "participants",
        "reports",
    }


def test_a_fresh_database_runs_the_squashed_migrations_not_the_replaced_ones():
    nodes = fresh_database_graph().nodes
    for key, migration in squashed_migrations().items():
        assert key in nodes
        assert not set(migration.replaces) & set(nodes), key


def test_no_two_migrations_of_an_app_share_a_number():
    numbers = Counter((app, name[:4]) for app, name in fresh_database_graph().nodes if app in OWN_APPS)
    assert [key for key, count in numbers.items() if count > 1] == []


def test_a_fresh_database_runs_no_merge_migration():
    graph = fresh_database_graph()
    merges = [
        key
        for key in graph.nodes
        if key[0] in OWN_APPS
        and len({parent for parent in graph.node_map[key].parents if parent[0] == key[0]}) > 1
    ]
    assert merges == []


def test_a_squashed_migration_stands_alone():
    """Its RunPython code is copied in, so the replaced files can be deleted later."""
    for app, name in squashed_migrations():
        source = (ROOT / app / "migrations" / f"{name}.py").read_text()
        assert not re.search(r"migrations\.\d{4}_|import_module", source), name


def test_the_test_database_template_is_rebuilt_when_the_roles_change(monkeypatch):
    """The data migrations give the roles their permissions from accounts/roles.py as it is now
    (tests/template_database.py): a change there alone must name a new template."""
    from pathlib import Path

    from tests import template_database

    before = template_database.digest()
    original = Path.read_bytes

    def changed(path: Path) -> bytes:
        content = original(path)
        return content + b"\n# a new permission\n" if path.name == "roles.py" else content

    monkeypatch.setattr(Path, "read_bytes", changed)
    assert template_database.digest() != before
