"""Demo data for follow-ups and memos, from the two committee memos (docs/domain.md, Sources).

- The 2021 follow-ups of the follow-up memo (docs/domain.md) ("Sammanfattning och återrapport 2021"), one per agreement that
  ran in 2021, approved, with the partners' texts as the seed prints them. Where the seed states
  the number of enrolled participants (Kompletterande språkträning 40, Inkludering på lika villkor
  54) it is the follow-up's figure; the other three state none.
- Arbetsmarknadsnämnden's memo defaults: Mikaela Schullström signs (both seeds). The link to the
  council's goals is the municipality's home page: the seeds do not give the address.
- The decision memo of the IKF decision memo (docs/domain.md) for Inkludering på lika villkor 2023–2024: drafted from the
  registry like any other, then given the officials' own prose that no registry holds.
The seeds give no case numbers, so none are invented. Running `load` again changes nothing that
exists already.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from partnerships import demo as partnerships_demo

from . import drafting
from .followups import enrolled_from_placements
from .models import FollowUp, Memo, MemoDefaults

STOCKHOLM = ZoneInfo("Europe/Stockholm")
SUBMITTED = datetime(2022, 2, 15, 10, 0, tzinfo=STOCKHOLM)
APPROVED = datetime(2022, 3, 1, 10, 0, tzinfo=STOCKHOLM)
DF = FollowUp.DeliveryMode

FOLLOW_UPS_2021 = {
    "hoppfull": {
        "delivery_mode": DF.MIXED,
        "challenges": (
            "Den stora utmaningen under 2021 har fortsatt varit Covid-19 vilket innebar förändrade förutsättningar "
            "och anpassningar utifrån folkhälsomyndighetens riktlinjer. Anpassningar som gjordes var bla. avstånd "
            "mellan bord, antal gäster/besökare, antal medarbetare i personalutrymmen etc. När restriktionerna kom "
            "som innebar att deltagare från kommunen inte fick vara fysiskt på sin praktikplats gjorde "
            "Arbetsmarknadskonsulent på AMC och arbetsledare på Linköpings stadsmission nya planeringar och "
            "uppföljningar av personerna. Dessa sker över telefon och via Skype/meet."
        ),
        "results": "Arbetsgrupp och styrgrupp har arbetat med att ta fram branschspecifika digitala insatser.",
    },
    "sprak": {
        "enrolled": 40,
        "delivery_mode": DF.MIXED,
        "summary": (
            "Verksamheten har bedrivits digitalt under första halvan av 2021. Lärarna har åkt med minibuss till "
            "områdena med material, samtalat med mammorna, uppmuntrat och givit hälsotips. Från och med 1 september "
            "har man erbjudit coronaanpassad fysisk verksamhet med en grupp i Berga, en grupp i Ryd och två grupper "
            "i Skäggetorp. Den fysiska verksamheten har kompletterats med digitala lektioner två gånger i veckan."
        ),
    },
    "bro": {
        "delivery_mode": DF.MIXED,
        "summary": (
            "Verksamheten har varit fortsatt påverkad av covid-19 när det kommer till anvisningar och genomförande. "
            "Verksamheten har bedrivits digitalt under första halvan av 2021. Distansutbildningen har varit "
            "individanpassad och kommunikationen har skett på olika sätt genom mail, telefon, sms, mms och digitala "
            "möten."
        ),
        "results": (
            "Bilda upplever att den digitala kompetensen liksom den skriftliga kommunikationsförmågan har ökat "
            "kraftigt i målgruppen som en följd av omställningen. Även den enskildas studieteknik och förmågan till "
            "självständigt arbete har ökat."
        ),
    },
    "ikf2021": {
        "enrolled": 54,
        "delivery_mode": DF.PHYSICAL,
        "summary": (
            "Under 2021 har verksamheten haft 54 inskrivna deltagare. Deltagarna har individuell handlingsplan och "
            "kan delta 1 till 4 gånger i veckan i gruppaktivitet med språk, samhällsinformation eller musik samt "
            "språkpraktik. Föreningen erbjuder även gymna, men under 2021 har det varit svårt att hålla igång detta "
            "kontinuerligt på grund av pandemiläget. Deltagarna kan också få språkpraktik via IKF, vilket är "
            "handledarledd praktik med primärt syfte att deltagaren ska få möjlighet att utveckla språket, öka sin "
            "självkänsla och sina sociala kontakter samt öva på att ta plats i ett offentligt sammanhang. Stort "
            "fokus har även 2021 legat på att sprida information om och svara på frågor om vaccinering. IKF har "
            "givit stöd genom familjepedagog till tre familjer."
        ),
    },
    "sprakvanner": {
        "delivery_mode": DF.MIXED,
        "summary": (
            "Språkvänner har arbetat med att anpassa verksamheten till rådande pandemi och har haft digitala "
            "språkcaféer samt träffats utomhus för walk-and-talks när situationen tillåtit."
        ),
    },
}

SIGNER = "Mikaela Schullström"
GOALS_URL = "https://www.linkoping.se/"

# Seed 003: the officials' prose around the sentences the registry drafts.
IKF_DECISION = {
    "date": date(2022, 9, 27),
    "partner_name": "Internationella Kvinnoföreningen i Linköping",
    "partner_short_name": "IKF",
    "committee_pays_for": "handledning och administration kopplat till verksamheten",
    "partner_contributes": "lokaler och personalresurser",
}
IKF_MATTER_FIRST = (
    "Genom att teckna avtal om Idéburet Offentligt Partnerskap med Internationella Kvinnoföreningen i Linköping ges "
    "förvaltningen möjlighet att erbjuda målgruppen meningsfull sysselsättning med syfte att bryta segregation och "
    "på sikt närma sig arbetsmarknaden."
)
IKF_MATTER_PURPOSE = (
    "Syftet med verksamheten är att stärka målgruppens självkänsla och hälsa och bidra till en ökad känsla av "
    "inkludering vilket är en viktig del i processen mot egen försörjning."
)
IKF_INTRODUCTION = (
    "Internationella Kvinnoföreningen i Linköping (IKF) är en politiskt och religiöst obunden förening som verkar "
    "för jämställdhet och integration."
)
IKF_EXTENDED = (
    "I den nya överenskommelsen utökas verksamheten och samverkan anpassas utifrån de styrande principerna inom "
    "heltidsaktiveringen."
)
IKF_COMMITMENT = (
    "Inom ramen för partnerskapet åtar sig IKF att erbjuda målgruppen meningsfulla aktiviteter utanför hemmet, som "
    "kan verka som ett försteg innan kommunens övriga arbetsmarknadsinsatser tar vid."
)
IKF_ACTIVITIES = (
    "Verksamheten omfattar olika aktiviteter, som utgår från ett holistiskt perspektiv med hälsa och inkludering i "
    'fokus. Varje vecka arrangeras "Må bra"-grupper med svenskundervisning, samhällsorientering samt lättare '
    "fysisk aktivitet. Föreningen erbjuder även individuella, motiverande samtal samt stöd av familjepedagog."
)
IKF_GENDER_EQUALITY = (
    "Insatsen riktar sig mot kvinnor som på grund av olika faktorer inte är redo att delta i förvaltningens "
    "arbetslika aktiviteter. Förvaltningen delar föreningens syn på att målgruppen är i behov av riktade insatser "
    "för att motverka långvarigt försörjningsstöd och främja integration i samhället och på arbetsmarknaden. "
    "Forskningen visar att det finns ett sysselsättningsgap mellan utrikes födda kvinnor och utrikes födda män. "
    "Även om sysselsättningsgraden för utrikes födda har ökat totalt sett sedan början på 2000-talet har utrikes "
    "födda kvinnor halkat efter i utvecklingen vilket medfört att sysselsättningsgapet mellan könen har vidgats "
    "ytterligare. Gapet är som störst hos gruppen utomeuropeiskt födda; 2019 var skillnaden mellan utomeuropeiskt "
    "födda kvinnor och utomeuropeiskt födda män 14 procentenheter.[^1]"
)
IKF_FOOTNOTE = (
    "Elin Landell, Försörjning med fördröjning - En ESO rapport om utrikes födda kvinnors etablering på "
    "arbetsmarknaden, 2021:7, sid 39-40"
)


def load_follow_ups(agreements: dict) -> list[FollowUp]:
    """The approved 2021 follow-ups of the follow-up memo (docs/domain.md); existing ones are left as they are."""
    follow_ups = []
    for key, spec in FOLLOW_UPS_2021.items():
        agreement = agreements[key]
        enrolled = spec.get("enrolled")
        from_placements = enrolled_from_placements(agreement, 2021)
        reason = ""
        if from_placements is not None and from_placements != enrolled:
            reason = "Enligt samverkanspartens återrapport för 2021."
        follow_up, _ = FollowUp.objects.get_or_create(
            agreement=agreement,
            year=2021,
            defaults={
                "enrolled": enrolled,
                "enrolled_from_placements": from_placements,
                "enrolled_override_reason": reason,
                "delivery_mode": spec["delivery_mode"],
                "summary": spec.get("summary", ""),
                "challenges": spec.get("challenges", ""),
                "results": spec.get("results", ""),
                "status": FollowUp.Status.APPROVED,
                "submitted_at": SUBMITTED,
                "approved_at": APPROVED,
            },
        )
        follow_ups.append(follow_up)
    return follow_ups


def ikf_decision_draft(agreement) -> drafting.MemoDraft:
    """Seed 003 as the registry drafts it, with the officials' prose added around it."""
    draft = drafting.draft_decision_memo(agreement=agreement, **IKF_DECISION)
    matter = draft.section(_("Matter"))
    matter.body = drafting.paragraphs(IKF_MATTER_FIRST, f"{matter.body} {IKF_MATTER_PURPOSE}")
    background = draft.section(_("Background"))
    predecessor, target_group, capacity, principles = background.body.split("\n\n")
    background.body = drafting.paragraphs(
        f"{IKF_INTRODUCTION} {predecessor} {IKF_EXTENDED}",
        f"{target_group} {IKF_COMMITMENT}",
        IKF_ACTIVITIES,
        capacity,
        principles,
    )
    gender_equality = draft.section(_("Gender equality"))
    gender_equality.body = f"{gender_equality.body} {IKF_GENDER_EQUALITY}"
    draft.footnotes = [IKF_FOOTNOTE]
    return draft


@transaction.atomic
def load(agreements: dict | None = None) -> dict:
    """Create the demo follow-ups, memo defaults and IKF decision memo; idempotent."""
    from django.utils import translation

    agreements = agreements or partnerships_demo.load()
    committee = agreements["hoppfull"].committee
    MemoDefaults.objects.get_or_create(
        committee=committee, defaults={"signer": SIGNER, "goals_url": GOALS_URL}
    )
    follow_ups = load_follow_ups(agreements)
    ikf = agreements["ikf2023"]
    memo = Memo.objects.filter(kind=Memo.Kind.NEW_AGREEMENT, agreement=ikf).order_by("pk").first()
    if memo is None:
        with translation.override(settings.LANGUAGE_CODE):
            memo = drafting.save_draft(ikf_decision_draft(ikf), by=None)
    return {"follow_ups": follow_ups, "decision_memo": memo}
