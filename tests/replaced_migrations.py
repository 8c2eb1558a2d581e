"""The migrations as an upgraded database runs them: the files a squashed migration replaces
(docs/architecture.md, Migrations). A fresh database, the tests' too, is made by the squashed
migrations, which record every migration they replace as applied; a test that migrates back to
an older migration and forward again to try a data migration on old rows runs the replaced
files, as a database upgraded from an earlier release does."""

from __future__ import annotations

from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader


class ReplacedMigrationsLoader(MigrationLoader):
    """The graph without the squashed migrations: every replaced migration a node of its own."""

    def __init__(self, connection):
        super().__init__(connection, replace_migrations=False)

    def build_graph(self) -> None:
        super().build_graph()
        for key, migration in self.replacements.items():
            self.graph.remove_replacement_node(key, migration.replaces)
        self.applied_migrations = {
            key: applied for key, applied in self.applied_migrations.items() if key in self.graph.nodes
        }


def executor(connection) -> MigrationExecutor:
    """A MigrationExecutor that plans over the replaced migrations."""
    migration_executor = MigrationExecutor(connection)
    migration_executor.loader = ReplacedMigrationsLoader(connection)
    return migration_executor
