"""Initiatives for tests: one with its guideline's criteria, and an attachment."""

from __future__ import annotations

import hashlib
from datetime import date
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from initiatives.models import Initiative, InitiativeAttachment, InitiativeCriterion
from partnerships.guidelines import guideline_for_new


def make_initiative(committee, **fields) -> Initiative:
    guideline = guideline_for_new(committee)
    defaults = {
        "title": "Språkcafé i Ryd",
        "organisation_name": "Föreningen Rydsgården",
        "organisation_number": "802500-0004",
        "contact_name": "Sara Exempelsson",
        "contact_email": "sara@example.org",
        "problem": "Föräldrar övar för lite svenska.",
        "target_group": "föräldrar som läser SFI",
        "activities": "Språkcafé två kvällar i veckan.",
        "period_from": date(2027, 1, 1),
        "period_to": date(2028, 12, 31),
        "own_premises": Decimal(120_000),
        "own_volunteers": Decimal(80_000),
        "requested_per_year": Decimal(150_000),
    }
    initiative = Initiative.objects.create(committee=committee, guideline=guideline, **{**defaults, **fields})
    InitiativeCriterion.objects.bulk_create(
        InitiativeCriterion(
            initiative=initiative, number=c.number, organisation_view=f"Vår syn på {c.number}."
        )
        for c in guideline.criteria.all()
    )
    return initiative


PDF = b"%PDF-1.7"


def make_attachment(initiative: Initiative, content: bytes = PDF) -> InitiativeAttachment:
    return InitiativeAttachment.objects.create(
        initiative=initiative,
        kind=InitiativeAttachment.Kind.STATUTES,
        file=SimpleUploadedFile("stadgar.pdf", content),
        original_name="stadgar.pdf",
        content_type="application/pdf",
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
    )
