"""The municipality's default clause texts, version 1 (issue 23). Data, not template text: a
committee overrides a clause with its own version in the admin; another municipality replaces
them. The wording follows the seeds (docs/domain.md): the guideline KS2016-313, the principles of the
local agreement with the civil sector (integritet, dialog, långsiktighet, öppenhet, mångfald), the
2 % yearly indexation, the yearly follow-up (återrapport) by the committee's due date.

Installed by migration 0002; `install` again by a test after a flush emptied the table."""

from __future__ import annotations

DEFAULTS = [
    (
        "background",
        "Bakgrund",
        "Denna överenskommelse om idéburet offentligt partnerskap (IOP) ingås mellan {committee} i "
        "{municipality} och {partners}.\n\n"
        "Partnerskapet bygger på kommunens riktlinjer för idéburet offentligt partnerskap. Verksamheten "
        "sker på initiativ av den idéburna organisationen, bidrar till lokal utveckling och delaktighet i "
        "samhället och finansieras och resurssätts av båda parterna. Överenskommelsen är varken ett bidrag "
        "eller ett köp av tjänst.",
    ),
    (
        "values",
        "Värdegrund och partnerskapets principer",
        "Parterna samverkar utifrån principerna i den lokala överenskommelsen mellan kommunen och den "
        "idéburna sektorn: integritet, dialog, långsiktighet, öppenhet och mångfald.\n\n"
        "Den idéburna organisationen behåller sin självständighet och sin rätt att driva opinion. Kommunen "
        "detaljstyr inte verksamheten; parterna utvecklar den tillsammans genom gemensam uppföljning och "
        "gemensamma beslut.",
    ),
    (
        "parties",
        "Parter",
        "Parter i överenskommelsen är {municipality} genom {committee} ({administration}) och "
        "{partners}.\n\n"
        "Partnerskapets namn är {agreement_name}. Diarienummer: {case_number}. "
        "Överenskommelsen undertecknas för samverkansparten av {signatory}.",
    ),
    (
        "organisation",
        "Partnerskapets organisation",
        "Partnerskapet leds av en styrgrupp med företrädare för båda parterna. Styrgruppen följer "
        "verksamhetens inriktning, ekonomi och resultat och möts minst två gånger per år.\n\n"
        "En arbetsgrupp med verksamhetens insatsledare och förvaltningens handläggare och koordinatorer "
        "planerar och följer det löpande arbetet och möts regelbundet, minst en gång i månaden. Beslut "
        "dokumenteras i minnesanteckningar.",
    ),
    (
        "goals",
        "Mål och målgrupp",
        "Verksamhetens syfte: {purpose}.\n\nMålgrupp: {target_group}.\n\nOmfattning: {capacity}.",
    ),
    (
        "commitments",
        "Parternas åtaganden",
        "{partners} åtar sig att bedriva verksamheten enligt denna överenskommelse, att bidra med lokaler, "
        "personal och andra resurser till ett värde om minst {partner_contribution_per_year} per år, och "
        "att delta i partnerskapets styrgrupp och arbetsgrupp.\n\n"
        "{committee} åtar sig att bidra med {committee_cost_per_year} per år enligt avsnittet om ekonomi, "
        "att genom förvaltningens koordinerande funktion anvisa deltagare till verksamheten och att delta "
        "i partnerskapets styrgrupp och arbetsgrupp.",
    ),
    (
        "follow_up",
        "Uppföljning och återrapportering",
        "Verksamheten följs upp årligen. Den idéburna organisationen lämnar en skriftlig återrapport för "
        "varje kalenderår senast den {follow_up_due} året därpå, med vad som genomförts, antal deltagare, "
        "hur verksamheten bedrivits och vilka utmaningar som funnits.\n\n"
        "Förvaltningen redovisar partnerskapets uppföljning för nämnden årligen.",
    ),
    (
        "finances",
        "Ekonomi",
        "Verksamhetens beräknade värde är {value_per_year} per år, varav {committee} bidrar med "
        "{committee_cost_per_year} per år och {partners} med minst {partner_contribution_per_year} per år. "
        "Beloppen anges i {price_level_year} års prisnivå. För varje nytt kalenderår justeras beloppen för "
        "pris- och löneförändring med {indexation_percent} procent.\n\n"
        "Belopp per år:\n"
        "{amounts}\n\n"
        "Utbetalningsplan:\n"
        "{payment_plan}\n\n"
        "Medel som inte använts för verksamheten ska återbetalas till kommunen.",
    ),
    (
        "term",
        "Giltighet och uppsägning",
        "Överenskommelsen gäller från och med {valid_from} till och med {valid_to}.\n\n"
        "Vardera parten kan säga upp överenskommelsen med sex månaders uppsägningstid. Uppsägningen ska "
        "vara skriftlig.",
    ),
    (
        "changes",
        "Ändringar, omförhandling och hävning",
        "Ändringar och tillägg till överenskommelsen ska vara skriftliga och undertecknade av båda parterna "
        "för att gälla.\n\n"
        "Om förutsättningarna för verksamheten väsentligt förändras, till exempel genom ändrade anslag eller "
        "lagstiftning, ska parterna ta upp överenskommelsen till omförhandling.\n\n"
        "Om en part väsentligt bryter mot överenskommelsen och inte vidtar rättelse inom 30 dagar efter "
        "skriftlig påminnelse får den andra parten häva överenskommelsen med omedelbar verkan.",
    ),
    (
        "disputes",
        "Tvist",
        "Parterna ska i första hand lösa oenighet genom dialog i partnerskapets styrgrupp. Tvist om "
        "tolkning eller tillämpning av överenskommelsen som parterna inte kan lösa själva avgörs av allmän "
        "domstol enligt svensk rätt.",
    ),
    (
        "personal_data",
        "Personuppgifter",
        "Vardera parten är personuppgiftsansvarig för de personuppgifter den själv behandlar i "
        "verksamheten. {committee} är personuppgiftsansvarig för uppgifter om deltagare som anvisas och "
        "registreras i kommunens system; {partners} är personuppgiftsansvarig för sina egna register över "
        "deltagare och medarbetare.\n\n"
        "Om den idéburna organisationen behandlar personuppgifter för kommunens räkning, till exempel "
        "närvarorapportering i kommunens system, ska parterna teckna ett personuppgiftsbiträdesavtal innan "
        "behandlingen påbörjas. Parterna behandlar personuppgifter enligt dataskyddsförordningen (EU) "
        "2016/679.",
    ),
]


def install(clause_template_model) -> None:
    """The defaults as version 1 of each clause, where missing (the model: real or historical)."""
    for clause, title, body in DEFAULTS:
        clause_template_model.objects.get_or_create(
            committee=None, clause=clause, revision=1, defaults={"title": title, "body": body}
        )
