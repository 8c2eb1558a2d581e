"""`python manage.py backup --output DIR`: the database and every document into a new folder
(operations/backup.py describes what is in it). Run it as the database's owner role."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from operations.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database and all documents into DIR (a new or empty folder)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--output", required=True, type=Path, metavar="DIR", help="A new or empty folder."
        )
        parser.add_argument("--database", default="default", help="The database alias (default: default).")

    def handle(self, *args, output: Path, database: str, **options) -> None:
        try:
            manifest = backup(output, alias=database)
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["tables"].values())
        self.stdout.write(
            f"Backed up {manifest['vendor']} database ({len(manifest['tables'])} tables, {rows} rows) and "
            f"{len(manifest['documents'])} documents to {output}."
        )
