"""Draft the yearly follow-up memo from the registry and write it as PDF (for automation)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone, translation

from partnerships.models import Committee
from reports import drafting, exports


class _Discard(Exception):
    """Rolls back the memo drafted only to be printed."""


class Command(BaseCommand):
    help = (
        "Draft 'Uppföljning av … idéburna offentliga partnerskap' for a report year and an overview year "
        "and write it as PDF. With --save the memo and the exported version are stored as well."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--report-year", type=int, required=True, help="The year the summaries report on."
        )
        parser.add_argument(
            "--overview-year", type=int, required=True, help="The year of the overview table."
        )
        parser.add_argument("-o", "--output", required=True, help="The PDF file to write.")
        parser.add_argument(
            "--committee", help="The committee's abbreviation (needed when there are several)."
        )
        parser.add_argument(
            "--date", type=date.fromisoformat, help="The memo's date, YYYY-MM-DD (default today)."
        )
        parser.add_argument("--case-number", default="", help="The case number (Dnr).")
        parser.add_argument(
            "--save", action="store_true", help="Store the memo and the PDF as its version 1."
        )

    def handle(self, *args, **options) -> None:
        committee = self._committee(options["committee"])
        with translation.override(settings.LANGUAGE_CODE):
            draft = drafting.draft_followup_memo(
                committee=committee,
                report_year=options["report_year"],
                overview_year=options["overview_year"],
                date=options["date"] or timezone.localdate(),
                case_number=options["case_number"],
            )
            try:
                with transaction.atomic():
                    memo = drafting.save_draft(draft, by=None)
                    if options["save"]:
                        version = exports.export_memo(memo=memo, by=None)
                        pdf = bytes(version.pdf)
                    else:
                        pdf = exports.render_memo_pdf(memo)
                        raise _Discard
            except _Discard:
                memo = None
        Path(options["output"]).write_bytes(pdf)
        stored = f" (stored as memo {memo.pk}, version 1)" if memo else ""
        self.stdout.write(f"Wrote {options['output']}: {len(pdf)} bytes{stored}.")

    def _committee(self, abbreviation: str | None) -> Committee:
        committees = Committee.objects.all()
        if abbreviation:
            committee = committees.filter(abbreviation=abbreviation).first()
            if committee is None:
                raise CommandError(f"No committee with the abbreviation {abbreviation!r}.")
            return committee
        if committees.count() != 1:
            raise CommandError("Name the committee with --committee (its abbreviation, e.g. AN).")
        return committees.get()
