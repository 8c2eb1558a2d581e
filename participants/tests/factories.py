"""Factories for participants' tests: valid personnummer, agreements with a chosen capacity."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import factory

from participants import usage
from participants.models import Gender, Participant, Placement, PlacementStatus
from participants.personnummer import from_parts
from partnerships.models import Agreement, Committee


class CommitteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Committee
        django_get_or_create = ["abbreviation"]

    name = "Arbetsmarknadsnämnden"
    abbreviation = "AN"
    administration = "Integration- och arbetsmarknadsförvaltningen"


class AgreementFactory(factory.django.DjangoModelFactory):
    """A decided agreement for 2023–2024 with 40 full-year places, open to every level."""

    class Meta:
        model = Agreement

    name = factory.Sequence(lambda n: f"Aktivitet {n}")
    committee = factory.SubFactory(CommitteeFactory)
    purpose = "arbetslik aktivitet"
    capacity_amount = Decimal("40")
    capacity_unit = Agreement.CapacityUnit.FULL_YEAR_PLACES
    value_per_year = Decimal("1000000")
    committee_cost_per_year = Decimal("500000")
    price_level_year = 2023
    indexation_percent = Decimal("0")
    valid_from = date(2023, 1, 1)
    valid_to = date(2024, 12, 31)
    stage = Agreement.Stage.DECIDED


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    # Born from 1930 on, a day apart: the demo's participants (participants/demo/) are born
    # 1960–1999 with the same serials 980–999, and a test that has both must not meet a clash
    # after enough participants in one worker (from 1970 on, the 140th collided).
    personnummer = factory.Sequence(lambda n: from_parts(date(1930, 1, 1) + timedelta(days=n), 980 + n % 20))
    first_name = factory.Sequence(lambda n: f"Testa{n}")
    last_name = "Testsson"
    gender = Gender.WOMAN
    district = "Skäggetorp"
    level = 1


class PlacementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Placement

    participant = factory.SubFactory(ParticipantFactory)
    agreement = factory.SubFactory(AgreementFactory)
    start = date(2023, 1, 1)
    planned_end = None
    days_per_week = 3
    status = PlacementStatus.ONGOING

    class Params:
        ended = factory.Trait(status=PlacementStatus.ENDED, end_reason="work")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        """Written past `assign`, so its agreement's per-year usage is refreshed here, as the
        placement services do (participants/usage.py)."""
        placement = super()._create(model_class, *args, **kwargs)
        usage.refresh([placement.agreement_id])
        return placement
