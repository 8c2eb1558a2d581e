"""Write a memo as PDF: as it stands now, or a stored version byte for byte."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from reports import exports
from reports.models import Memo


class Command(BaseCommand):
    help = "Write memo <id> as PDF. --stored-version N writes a stored version unchanged; --store keeps a new version."

    def add_arguments(self, parser):
        parser.add_argument("memo_id", type=int)
        parser.add_argument("-o", "--output", required=True, help="The PDF file to write.")
        group = parser.add_mutually_exclusive_group()
        group.add_argument(
            "--stored-version",
            type=int,
            dest="stored_version",
            help="Write this stored version, byte for byte.",
        )
        group.add_argument(
            "--store", action="store_true", help="Store the rendering as the memo's next version."
        )

    def handle(self, *args, **options) -> None:
        memo = Memo.objects.filter(pk=options["memo_id"]).first()
        if memo is None:
            raise CommandError(f"No memo with id {options['memo_id']}.")
        if options["stored_version"] is not None:
            version = memo.versions.filter(number=options["stored_version"]).first()
            if version is None:
                raise CommandError(f"Memo {memo.pk} has no version {options['stored_version']}.")
            pdf = bytes(version.pdf)
            note = f"version {version.number}, SHA-256 {version.sha256}"
        else:
            with translation.override(settings.LANGUAGE_CODE):
                if options["store"]:
                    version = exports.export_memo(memo=memo, by=None)
                    pdf = bytes(version.pdf)
                    note = f"stored as version {version.number}, SHA-256 {version.sha256}"
                else:
                    pdf = exports.render_memo_pdf(memo)
                    note = "not stored"
        Path(options["output"]).write_bytes(pdf)
        self.stdout.write(f"Wrote {options['output']}: {len(pdf)} bytes ({note}).")
