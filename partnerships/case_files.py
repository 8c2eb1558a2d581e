"""Partnerships' part of an agreement's case for the archive package (core/case_files.py, issue 23):
the agreement as the registry holds it (a text record), and the documents uploaded to it
(the signed agreement, appendices) byte for byte as stored."""

from __future__ import annotations

from collections.abc import Iterator

from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from core.case_files import CaseFile
from core.formatting import format_kr

from .models import Agreement


def agreement_record(agreement: Agreement) -> str:
    """The registry's record of the agreement: parties, period, money, the criteria assessed."""
    lines = [
        agreement.name,
        f"{agreement.committee.name}"
        + (f", {_('Dnr')} {agreement.case_number}" if agreement.case_number else ""),
        _("Validity: %(start)s – %(end)s")
        % {"start": f"{agreement.valid_from:%Y-%m-%d}", "end": f"{agreement.valid_to:%Y-%m-%d}"},
        _("Decision date: %(date)s")
        % {"date": f"{agreement.decision_date:%Y-%m-%d}" if agreement.decision_date else "–"},
        "",
        _("Parties:"),
        *[f"- {party.partner.name} ({party.get_role_display()})" for party in agreement.parties.all()],
        "",
        _("Purpose of the activity: %(purpose)s") % {"purpose": agreement.purpose},
        _("Target group: %(group)s") % {"group": agreement.target_group or "–"},
        "",
        _("Calculated value per year: %(amount)s") % {"amount": format_kr(agreement.value_per_year)},
        _("Committee cost per year: %(amount)s") % {"amount": format_kr(agreement.committee_cost_per_year)},
        _("Price level: %(year)s, indexation %(rate)s %% a year")
        % {"year": agreement.price_level_year, "rate": f"{agreement.indexation_percent:f}".replace(".", ",")},
        "",
        _("Criteria of the guideline:"),
    ]
    answers = {answer.criterion: answer for answer in agreement.criteria.all()}
    for criterion in agreement.guideline_criteria():
        answer = answers.get(criterion.number)
        verdict = {True: _("yes"), False: _("no"), None: _("not assessed")}[
            answer.fulfilled if answer else None
        ]
        lines.append(f"{criterion.number}. {criterion.text}: {verdict}")
        if answer and answer.justification:
            lines.append(f"   {answer.justification}")
    return "\n".join(lines) + "\n"


def agreement_case_files(agreement: Agreement) -> Iterator[CaseFile]:
    agreement = (
        Agreement.objects.select_related("committee", "responsible")
        .prefetch_related("parties__partner", "criteria")
        .get(pk=agreement.pk)
    )
    yield CaseFile(
        path="overenskommelse/registeruppgifter.txt",
        content=agreement_record(agreement).encode(),
        mimetype="text/plain",
        title=_("The agreement as registered"),
        creator=agreement.committee.administration or agreement.committee.name,
        created=agreement.updated_at,
        section=_("Agreement"),
    )
    for attachment in agreement.attachments.select_related("uploaded_by").order_by("uploaded_at", "pk"):
        with attachment.file.open("rb") as stored:
            content = stored.read()
        uploader = attachment.uploaded_by
        yield CaseFile(
            path=f"overenskommelse/dokument/{attachment.pk}-{get_valid_filename(attachment.original_name)}",
            content=content,
            mimetype=attachment.content_type,
            title=str(attachment),
            creator=(uploader.get_full_name() or uploader.get_username())
            if uploader
            else agreement.committee.name,
            created=attachment.uploaded_at,
            section=_("Agreement"),
        )
