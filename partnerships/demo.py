"""The seed data: Linköping's arbetsmarknadsnämnd and its IOP agreements (seeds 000 and 003).

Figures and texts come from the two committee memos (docs/domain.md, Sources). Where the memos are
silent the demo assumes, as docs/domain.md allows, and says so here:
- Hoppfull framtid, Bro-modellen and Kompletterande språkträning start 2021-01-01 (their
  2021 follow-ups exist); amounts carry no indexation (rate 0, 2021 price level).
- Språkvänner ran 2020-01-01 – 2021-12-31 with Röda Korset at 500 000 kr value and
  250 000 kr committee cost per year; Vi Ses! succeeds it.
- Inkludering på lika villkor 2021–2022 had room for 60 individuals per year, like its successor.
- No organisation numbers or case numbers are invented.
- Goals (issue 24): the council's goal areas Samhälle and Medborgare (docs/domain.md, IKF decision memo), the
  municipality-wide goal *Stark gemenskap och människor i arbete* (docs/domain.md, follow-up memo) placed in Samhälle,
  and AN's goal *Hög egenförsörjningsgrad* (both seeds) placed in Medborgare; which area each
  goal belongs to, the indicator and its target are assumed. Every seed agreement serves both
  goals, as the follow-up memo (docs/domain.md) says of the committee's partnerships together.
- AN's budget frame for IOP (fictitious): 3 600 000 kr in 2023 and in 2024, so 2023's committed
  3 595 000 kr leaves 5 000 kr.
- Internationella Kvinnoföreningen's address, bankgiro (5050-1055, a number whose check digit is
  right, not the association's) and its three contacts are fictitious (issue 26: a partner with
  contacts in roles and a bankgiro, shown on its page and in the finance export); the people are
  marked "(fiktiv)".
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction

from core.agreement_changes import agreement_saved

from .guidelines import default_guideline
from .models import (
    Agreement,
    AgreementCriterion,
    AgreementGoal,
    AgreementParty,
    BudgetFrame,
    Committee,
    Criterion,
    Goal,
    GoalArea,
    GoalIndicator,
    Level,
    Partner,
    PartnerContact,
)

P = Partner.Kind
ROLE = AgreementParty.Role

PARTNERS = {
    "Linköpings Stadsmission": P.FOUNDATION,
    "Bilda": P.ASSOCIATION,
    "Erikshjälpen": P.ASSOCIATION,
    "Röda Korset": P.ASSOCIATION,
    "bildningsnämnden": P.MUNICIPAL_COMMITTEE,
    "Internationella Kvinnoföreningen": P.ASSOCIATION,
}

# Fictitious (the module's docstring): IKF as an organisation with contacts and payment details.
PARTNER_DETAILS = {
    "Internationella Kvinnoföreningen": {
        "street_address": "Exempelgatan 1",
        "postal_code": "582 22",
        "city": "Linköping",
        "bankgiro": "50501055",
    },
}
CONTACTS = {
    "Internationella Kvinnoföreningen": [
        (PartnerContact.Role.CHAIR, "Amina Exempel (fiktiv)", "ordforande@ikf.example", ""),
        (PartnerContact.Role.SIGNATORY, "Amina Exempel (fiktiv)", "ordforande@ikf.example", ""),
        (PartnerContact.Role.ACTIVITY_LEAD, "Leyla Prov (fiktiv)", "verksamhet@ikf.example", "013-00 00 00"),
        (PartnerContact.Role.ECONOMY, "Sara Test (fiktiv)", "ekonomi@ikf.example", ""),
    ],
}

IKF_TARGET_GROUP = (
    "utomeuropeiskt födda kvinnor, boende i Linköping, som befinner sig i en självupplevd isolering "
    "på grund av kulturella och sociala faktorer och löper risk att fastna i ett långvarigt biståndsbehov"
)

AGREEMENTS = [
    {
        "key": "sprakvanner",
        "name": "Språkvänner",
        "parties": [("Röda Korset", ROLE.LEAD, None)],
        "purpose": "språkträning genom språkvänner och språkcaféer",
        "target_group": "individer i behov av språkträning",
        "value": 500_000,
        "cost": 250_000,
        "price_level": 2020,
        "rate": 0,
        "valid": (date(2020, 1, 1), date(2021, 12, 31)),
    },
    {
        "key": "hoppfull",
        "name": "Hoppfull framtid",
        "parties": [("Linköpings Stadsmission", ROLE.LEAD, None)],
        "levels": (Level.PARTLY_INDEPENDENT, Level.VERY_INDEPENDENT),
        "purpose": "arbetslik aktivitet (40 helårsplatser)",
        "capacity": (40, Agreement.CapacityUnit.FULL_YEAR_PLACES),
        "value": 2_080_500,
        "cost": 1_100_000,
        "price_level": 2021,
        "rate": 0,
        "valid": (date(2021, 1, 1), date(2023, 12, 31)),
    },
    {
        "key": "bro",
        "name": "Bro-modellen",
        "parties": [("Bilda", ROLE.LEAD, None), ("Erikshjälpen", ROLE.CO_PARTNER, None)],
        "levels": (Level.PREPARATORY, Level.VERY_INDEPENDENT),
        "purpose": "arbetslik aktivitet, kompletterande insatser (40 helårsplatser)",
        "capacity": (40, Agreement.CapacityUnit.FULL_YEAR_PLACES),
        "value": 1_791_200,
        "cost": 1_150_000,
        "price_level": 2021,
        "rate": 0,
        "valid": (date(2021, 1, 1), date(2023, 12, 31)),
    },
    {
        "key": "vises",
        "name": "Vi Ses!",
        "parties": [("Röda Korset", ROLE.LEAD, None)],
        "target_group": "individer i behov av språkträning, privata näringslivet, Linköpings kommun",
        "purpose": (
            "stärka svenska språket, främja kunskap om den lokala arbetsmarknaden, "
            "bidra till inkluderande arbetsplatser"
        ),
        "value": 1_156_000,
        "cost": 600_000,
        "price_level": 2022,
        "rate": 0,
        "valid": (date(2022, 1, 1), date(2023, 12, 31)),
        "predecessor": "sprakvanner",
    },
    {
        "key": "sprak",
        "name": "Kompletterande språkträning",
        "parties": [("Bilda", ROLE.LEAD, None), ("bildningsnämnden", ROLE.MUNICIPAL, None)],
        "target_group": "individer som pga föräldraledighet ej kan delta i SFI",
        "purpose": "underlätta återgång till SFI (48 helårsplatser)",
        "capacity": (48, Agreement.CapacityUnit.FULL_YEAR_PLACES),
        "value": 897_626,
        "cost": 295_000,
        "price_level": 2021,
        "rate": 0,
        "valid": (date(2021, 1, 1), date(2023, 12, 31)),
    },
    {
        "key": "ikf2021",
        "name": "Inkludering på lika villkor",
        "parties": [("Internationella Kvinnoföreningen", ROLE.LEAD, None)],
        "levels": (Level.PREPARATORY, Level.PREPARATORY),
        "purpose": "schemalagd aktivitet utanför hemmet; hälsa, språk, samhällskunskap",
        "capacity": (60, Agreement.CapacityUnit.INDIVIDUALS_PER_YEAR),
        "value": 454_000,
        "cost": 230_000,
        "price_level": 2021,
        "rate": 0,
        "valid": (date(2021, 1, 1), date(2022, 12, 31)),
    },
    {
        "key": "ikf2023",
        "name": "Inkludering på lika villkor",
        "parties": [("Internationella Kvinnoföreningen", ROLE.LEAD, 450_000)],
        "levels": (Level.PREPARATORY, Level.PREPARATORY),
        "target_group": IKF_TARGET_GROUP,
        "purpose": (
            "gruppverksamhet med fokus på svenskaundervisning, samhällsorientering samt psykisk och fysisk "
            "hälsa samt enskilt motiverande stöd utifrån individuella behov"
        ),
        "capacity": (60, Agreement.CapacityUnit.INDIVIDUALS_PER_YEAR),
        "value": 900_000,
        "cost": 450_000,
        "price_level": 2023,
        "rate": 2,
        "valid": (date(2023, 1, 1), date(2024, 12, 31)),
        "predecessor": "ikf2021",
        "criteria": {
            Criterion.OWN_INITIATIVE: "Verksamheten har utvecklats av IKF utifrån föreningens egen idé.",
            Criterion.POLITICAL_PROGRAMME: "Överenskommelsen mellan den idéburna sektorn och Linköpings kommun.",
            Criterion.LOCAL_DEVELOPMENT: "Bryter isolering och ökar delaktigheten i samhället.",
            Criterion.NOT_ASSOCIATION_GRANT: "Insatsen ligger utanför det normerade föreningsbidraget.",
            Criterion.NO_MARKET: "Det finns ingen marknad för insatsen.",
            Criterion.BOTH_FINANCE: "IKF bidrar med lokaler och personalresurser till ett värde om minst 450 000 kronor per år.",
            Criterion.NOT_DETAIL_REGULATED: "IKF utformar verksamheten.",
            Criterion.NON_MARKET_RELATION: "Parterna vill samverka utanför marknadsmekanismer.",
        },
    },
]


@transaction.atomic
def load() -> dict[str, Agreement]:
    """Create or update the seed data; running it twice changes nothing."""
    committee, _ = Committee.objects.update_or_create(
        abbreviation="AN",
        defaults={
            "name": "Arbetsmarknadsnämnden",
            "administration": "Integration- och arbetsmarknadsförvaltningen",
        },
    )
    partners = {
        name: Partner.objects.update_or_create(
            name=name, defaults={"kind": kind, **PARTNER_DETAILS.get(name, {})}
        )[0]
        for name, kind in PARTNERS.items()
    }
    for name, contacts in CONTACTS.items():
        for order, (role, person, email, phone) in enumerate(contacts):
            PartnerContact.objects.update_or_create(
                partner=partners[name],
                role=role,
                name=person,
                defaults={"email": email, "phone": phone, "order": order},
            )
    guideline = default_guideline()  # KS2016-313, which the seed agreements were decided under
    agreements: dict[str, Agreement] = {}
    for spec in AGREEMENTS:
        start, end = spec["valid"]
        levels = spec.get("levels", (None, None))
        capacity = spec.get("capacity", (None, ""))
        agreement, _ = Agreement.objects.update_or_create(
            name=spec["name"],
            valid_from=start,
            defaults={
                "committee": committee,
                "valid_to": end,
                "purpose": spec["purpose"],
                "target_group": spec.get("target_group", ""),
                "level_from": levels[0],
                "level_to": levels[1],
                "capacity_amount": capacity[0],
                "capacity_unit": capacity[1],
                "value_per_year": Decimal(spec["value"]),
                "committee_cost_per_year": Decimal(spec["cost"]),
                "price_level_year": spec["price_level"],
                "indexation_percent": Decimal(spec["rate"]),
                "stage": Agreement.Stage.DECIDED,
                "predecessor": agreements.get(spec.get("predecessor")),
                "guideline": guideline,
            },
        )
        for order, (partner_name, role, contribution) in enumerate(spec["parties"]):
            AgreementParty.objects.update_or_create(
                agreement=agreement,
                partner=partners[partner_name],
                defaults={"role": role, "order": order, "in_kind_contribution": contribution},
            )
        for criterion, justification in spec.get("criteria", {}).items():
            AgreementCriterion.objects.update_or_create(
                agreement=agreement,
                criterion=criterion,
                defaults={"fulfilled": True, "justification": justification},
            )
        # A second run with changed figures brings an existing payment plan in step; the first
        # run's plans are made by payments.demo (with its fictitious payments), so no new decision.
        agreement_saved(agreement)
        agreements[spec["key"]] = agreement
    load_goals(committee, agreements.values())
    return agreements


GOAL_AREAS = ["Samhälle", "Medborgare"]
COUNCIL_GOAL = ("Samhälle", "Stark gemenskap och människor i arbete")
COMMITTEE_GOAL = ("Medborgare", "Hög egenförsörjningsgrad")
INDICATOR = ("Andel deltagare som gått vidare till arbete eller studier", "ökar")
BUDGET_FRAMES = {2023: 3_600_000, 2024: 3_600_000}


def load_goals(committee: Committee, agreements) -> None:
    """The goal areas, the two goals, AN's budget frames, and each seed agreement's goal links."""
    areas = {
        name: GoalArea.objects.update_or_create(name=name, defaults={"order": order})[0]
        for order, name in enumerate(GOAL_AREAS, start=1)
    }
    council_goal, _ = Goal.objects.update_or_create(
        committee=None, name=COUNCIL_GOAL[1], defaults={"area": areas[COUNCIL_GOAL[0]]}
    )
    committee_goal, _ = Goal.objects.update_or_create(
        committee=committee, name=COMMITTEE_GOAL[1], defaults={"area": areas[COMMITTEE_GOAL[0]]}
    )
    GoalIndicator.objects.update_or_create(
        goal=committee_goal, name=INDICATOR[0], defaults={"target": INDICATOR[1]}
    )
    for year, amount in BUDGET_FRAMES.items():
        BudgetFrame.objects.update_or_create(committee=committee, year=year, defaults={"amount": amount})
    for agreement in agreements:
        for goal in (council_goal, committee_goal):
            AgreementGoal.objects.get_or_create(agreement=agreement, goal=goal)
