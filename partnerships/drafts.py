"""A draft agreement made from a proposal outside the registry (issue 23: an organisation's
initiative). The initiatives app calls these, so partners and agreements are written by
partnerships' own code only (STYLE.md, wave 3)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction
from stdnum.se import orgnr

from .guidelines import guideline_for_new
from .models import Agreement, AgreementParty, Committee, Partner, PartnerContact


def partner_for(*, organisation_number: str, name: str, contact_person: str = "", email: str = "") -> Partner:
    """The registered partner with this organisation number, else a new one. A new partner whose
    name is taken by another organisation gets the number after its name (names are unique)."""
    number = orgnr.format(organisation_number) if orgnr.is_valid(organisation_number) else organisation_number
    # Stored as typed before PartnerForm normalised it (NNNNNN-NNNN), or as ten digits.
    existing = Partner.objects.filter(organisation_number__in=[number, orgnr.compact(number)]).first()
    if existing is not None:
        return existing
    if Partner.objects.filter(name=name).exists():
        name = f"{name} ({number})"
    partner = Partner.objects.create(name=name, organisation_number=number)
    if contact_person or email:
        # The initiative's contact person becomes the partner's first contact (issue 26: contacts
        # with roles; the role is the official's to set).
        PartnerContact.objects.create(partner=partner, name=contact_person or email, email=email)
    return partner


@transaction.atomic
def create_draft(
    *,
    committee: Committee,
    name: str,
    purpose: str,
    target_group: str,
    valid_from: date,
    valid_to: date,
    partner: Partner,
    partner_contribution: Decimal,
    committee_cost: Decimal,
    answers: list[tuple[int, bool | None, str]],
    responsible=None,
) -> Agreement:
    """A draft agreement with one party (the lead), its amounts in the first year's prices and
    the criteria answers (number, fulfilled, justification) under the committee's guideline."""
    agreement = Agreement.objects.create(
        name=name,
        committee=committee,
        purpose=purpose,
        target_group=target_group,
        value_per_year=partner_contribution + committee_cost,
        committee_cost_per_year=committee_cost,
        price_level_year=valid_from.year,
        valid_from=valid_from,
        valid_to=valid_to,
        stage=Agreement.Stage.DRAFT,
        guideline=guideline_for_new(committee),
        responsible=responsible,
    )
    AgreementParty.objects.create(
        agreement=agreement,
        partner=partner,
        role=AgreementParty.Role.LEAD,
        in_kind_contribution=partner_contribution,
        order=0,
    )
    for number, fulfilled, justification in answers:
        agreement.criteria.create(criterion=number, fulfilled=fulfilled, justification=justification)
    return agreement
