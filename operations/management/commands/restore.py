"""`python manage.py restore DIR [--force]`: a backup made by `manage.py backup` back into an
empty database and the documents' storage. Then run `migrate` if the code is newer."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from operations.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restore a backup folder into an empty database (or, with --force, replace what is there)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "source", type=Path, metavar="DIR", help="A folder written by `manage.py backup`."
        )
        parser.add_argument(
            "--force", action="store_true", help="Drop every table of a database that is not empty first."
        )
        parser.add_argument("--database", default="default", help="The database alias (default: default).")

    def handle(self, *args, source: Path, force: bool, database: str, **options) -> None:
        try:
            manifest = restore(source, alias=database, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Restored the backup of {manifest['created_at']}: {len(manifest['tables'])} tables with the same "
            f"row counts, {len(manifest['documents'])} documents with the same SHA-256."
        )
