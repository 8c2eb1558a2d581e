"""The demo's invented words and weights: names, surnames that say they are made up, districts,
needs, goals, notes, end reasons and where people are months later (participants/demo/)."""

from __future__ import annotations

from ..models import EndReason, Progression, Situation

SEED = 20210101

WOMEN = [
    "Amina",
    "Fatima",
    "Sara",
    "Leila",
    "Hodan",
    "Maryam",
    "Nour",
    "Zahra",
    "Ayan",
    "Rukia",
    "Hawa",
    "Samira",
    "Layla",
    "Khadija",
    "Fadumo",
    "Ebla",
    "Mina",
    "Parisa",
    "Shirin",
    "Yasmin",
    "Asha",
    "Nasra",
    "Halima",
    "Dina",
    "Elin",
    "Anna",
    "Maria",
    "Tigist",
    "Selam",
    "Rahel",
]
MEN = [
    "Ahmed",
    "Omar",
    "Yusuf",
    "Mohammed",
    "Ali",
    "Hassan",
    "Abdi",
    "Karim",
    "Daniel",
    "Johan",
    "Erik",
    "Samuel",
    "Dawit",
    "Bilal",
    "Tariq",
    "Jonas",
]
SURNAMES = [
    "Demosson",
    "Exempeldotter",
    "Testberg",
    "Provsson",
    "Påhittad",
    "Fiktivsdotter",
    "Demolin",
    "Exempelsson",
    "Testlund",
    "Låtsasson",
    "Provdotter",
    "Demokvist",
]
DISTRICTS = ["Berga", "Ryd", "Skäggetorp", "Lambohov", "Johannelund", "Ekholmen", "Vasastaden", "Hjulsbro"]
NEEDS = ["SFI", "SFI, barnomsorg", "tolk", "", "", "SFI", "anpassade arbetsuppgifter", ""]
GOALS = [
    "Stärka svenska språket i vardagen.",
    "Komma närmare arbetsmarknaden genom arbetsträning.",
    "Bryta isolering och delta i gruppaktivitet varje vecka.",
    "Återgå till SFI efter föräldraledigheten.",
    "Öka självständigheten i arbetslika uppgifter.",
]
NOTES = {
    Progression.SETBACK: [
        "Har varit sjuk och missat flera tillfällen.",
        "Svårt att komma i väg på morgnarna.",
    ],
    Progression.UNCHANGED: ["Deltar som planerat.", "Kommer regelbundet, samma nivå som förut."],
    Progression.SOME_PROGRESS: ["Tar mer plats i gruppen.", "Förstår fler instruktioner på svenska."],
    Progression.CLEAR_PROGRESS: ["Klarar uppgifterna självständigt.", "Har börjat söka praktikplats."],
}
ENDS = [  # (reason, weight); broken off for ill health, moving away or own choice
    (EndReason.WORK, 15),
    (EndReason.STUDIES, 20),
    (EndReason.OTHER_ACTIVITY, 25),
    (EndReason.ILL_HEALTH, 10),
    (EndReason.MOVED, 5),
    (EndReason.OWN_CHOICE, 15),
    (EndReason.OTHER, 10),
]
INTERRUPTING = {EndReason.ILL_HEALTH, EndReason.MOVED, EndReason.OWN_CHOICE}
OUTCOME_SEED = 20240601
# Where people are months later, by where they went at the end (weights): invented, plausible.
AFTER_WORK_OR_STUDIES = [
    (Situation.WORK, 5),
    (Situation.STUDIES, 3),
    (Situation.JOB_SEEKING, 1),
    (Situation.UNKNOWN, 1),
]
AFTER_OTHER = [
    (Situation.WORK, 2),
    (Situation.STUDIES, 2),
    (Situation.OTHER_MEASURE, 4),
    (Situation.JOB_SEEKING, 3),
    (Situation.INCOME_SUPPORT, 3),
    (Situation.UNKNOWN, 2),
]
