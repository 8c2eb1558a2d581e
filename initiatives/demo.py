"""Two fictitious initiatives for the demo (issue 23): one just submitted, one waiting for the
organisation's answer to a question. Organisations, people and figures are made up (the seeds
hold no initiative); the organisation numbers are valid but fictitious. Idempotent."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from partnerships.guidelines import guideline_for_new
from partnerships.models import Committee

from .models import Initiative, InitiativeCriterion, Message

DEMO = [
    {
        "title": "Läxhjälp och språkcafé i Ryd (fiktivt)",
        "organisation_name": "Föreningen Rydsgården (fiktiv)",
        "organisation_number": "802500-0004",
        "contact_name": "Sara Exempelsson",
        "contact_email": "sara@example.org",
        "problem": "Många nyanlända föräldrar i Ryd har svårt att öva svenska utanför SFI.",
        "target_group": "föräldrar som läser SFI och deras barn",
        "activities": "Språkcafé två kvällar i veckan och läxhjälp för barnen samtidigt.",
        "own_premises": Decimal(120_000),
        "own_volunteers": Decimal(80_000),
        "requested_per_year": Decimal(150_000),
        "status": Initiative.Status.SUBMITTED,
    },
    {
        "title": "Cykelverkstad som arbetsträning (fiktiv)",
        "organisation_name": "Cykelkooperativet Östgöta (fiktivt)",
        "organisation_number": "802500-0012",
        "contact_name": "Omar Exempelsson",
        "contact_email": "omar@example.org",
        "problem": "Personer långt från arbetsmarknaden saknar arbetsliknande sysselsättning med handledning.",
        "target_group": "personer med försörjningsstöd som behöver arbetsträning",
        "activities": "Reparation och försäljning av begagnade cyklar med handledare.",
        "own_staff": Decimal(300_000),
        "own_premises": Decimal(100_000),
        "requested_per_year": Decimal(350_000),
        "status": Initiative.Status.COMPLETION,
        "question": "Hur många deltagare kan verkstaden ta emot samtidigt, och vem handleder dem?",
    },
]


def load() -> list[Initiative]:
    committee = Committee.objects.get(abbreviation="AN")
    guideline = guideline_for_new(committee)
    made = []
    for spec in DEMO:
        spec = dict(spec)
        question = spec.pop("question", None)
        initiative, created = Initiative.objects.get_or_create(
            title=spec.pop("title"),
            defaults={
                **spec,
                "committee": committee,
                "guideline": guideline,
                "period_from": date(2027, 1, 1),
                "period_to": date(2028, 12, 31),
            },
        )
        if created:
            InitiativeCriterion.objects.bulk_create(
                InitiativeCriterion(
                    initiative=initiative,
                    number=criterion.number,
                    organisation_view="Ja, initiativet kommer från oss." if criterion.number == 1 else "",
                )
                for criterion in guideline.criteria.all()
            )
            if question:
                Message.objects.create(
                    initiative=initiative, author=Message.Author.MUNICIPALITY, text=question
                )
        made.append(initiative)
    return made
