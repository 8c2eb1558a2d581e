"""The gender analysis in words (issue 24): Swedish sentences comparing women and men — enrolled,
ended, in work or studies at the end, 6 and 12 months after — per agreement and in sum, written
from the key figures (reports/keyfigures.py), for the follow-up memo's "Jämställdhet".

A memo is a public paper, so a sentence prints a count or a share only where the table may
(participants.disclosure: counts 1–4 and the count that would reveal one are hidden; a share on
fewer than five is withheld). Where it may not, the sentence says so in words — "för få för att
redovisa" — never with a marker ("<5", "..", "–") in running text. Where the data allow no
comparison of women and men (nobody enrolled, or the split is withheld), the section ends with
the follow-up memo's (docs/domain.md) standard sentence ("Jämställdhetsanalys är inte genomförd då …").
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from participants.models import Gender

from . import wording
from .keyfigures import KeyFigures, KeyFiguresReport


def standard_sentence() -> str:
    """Seed 000, "Jämställdhet", word for word in Swedish."""
    return _(
        "No gender equality analysis has been carried out, since the work of securing core values, equal "
        "treatment and accessibility within the activity is carried out continuously in dialogue with the "
        "third party."
    )


def too_few() -> str:
    return _("too few to report")


def _women(count: int | str) -> str | None:
    """ "5 kvinnor", "1 kvinna", "inga kvinnor"; None when the count may not be printed."""
    if not isinstance(count, int):
        return None
    if count == 0:
        return _("no women")
    return ngettext("%(count)s woman", "%(count)s women", count) % {"count": count}


def _men(count: int | str) -> str | None:
    if not isinstance(count, int):
        return None
    if count == 0:
        return _("no men")
    return ngettext("%(count)s man", "%(count)s men", count) % {"count": count}


def _percent(value: Decimal) -> str:
    return f"{value:f}\u00a0%"


def _split(women: int | str, men: int | str) -> str | None:
    """ "34 kvinnor och 6 män", or None when either count is hidden."""
    shown_women, shown_men = _women(women), _men(men)
    if shown_women is None or shown_men is None:
        return None
    return _("%(women)s and %(men)s") % {"women": shown_women, "men": shown_men}


def _shares(women: Decimal | str | None, men: Decimal | str | None) -> str | None:
    """ "45 % av kvinnorna och 60 % av männen"; a withheld share in words; None when neither
    has a share (nobody of either, or both withheld)."""
    if not isinstance(women, Decimal) and not isinstance(men, Decimal):
        return None
    if isinstance(women, Decimal) and isinstance(men, Decimal):
        return _("%(women)s of the women and %(men)s of the men") % {
            "women": _percent(women),
            "men": _percent(men),
        }
    if isinstance(women, Decimal):
        text = _("%(share)s of the women") % {"share": _percent(women)}
        return (
            text
            if men is None
            else _("%(text)s (the men: %(too_few)s)") % {"text": text, "too_few": too_few()}
        )
    text = _("%(share)s of the men") % {"share": _percent(men)}
    return (
        text
        if women is None
        else _("%(text)s (the women: %(too_few)s)") % {"text": text, "too_few": too_few()}
    )


def comparable(one: KeyFigures) -> bool:
    """Whether the figures allow women and men to be compared at all: someone enrolled, and the
    split by gender printable."""
    if not one.enrolled:
        return False
    rows = {row["gender"]: row for row in one.gender_rows(masked=True)}
    return _split(rows[Gender.WOMAN]["enrolled"], rows[Gender.MAN]["enrolled"]) is not None


def sentences(name: str, one: KeyFigures) -> str:
    """What one agreement's (or the sum's) figures say about women and men, in words."""
    values = {"name": name, "year": one.year}
    if not one.enrolled:
        return _("%(name)s: no participants were enrolled in %(year)s.") % values
    rows = {row["gender"]: row for row in one.gender_rows(masked=True)}
    women, men = rows[Gender.WOMAN], rows[Gender.MAN]
    parts = []
    enrolled = _split(women["enrolled"], men["enrolled"])
    if enrolled is not None:
        parts.append(_("%(name)s: %(split)s were enrolled in %(year)s.") % {**values, "split": enrolled})
    else:
        parts.append(
            ngettext(
                "%(name)s: %(count)s participant was enrolled in %(year)s; by gender they are %(too_few)s.",
                "%(name)s: %(count)s participants were enrolled in %(year)s; by gender they are %(too_few)s.",
                one.enrolled,
            )
            % {**values, "count": one.enrolled, "too_few": too_few()}
        )
    if one.ended:
        ended = _split(women["ended"], men["ended"])
        if ended is not None:
            parts.append(_("%(split)s ended their placement.") % {"split": ended})
        else:
            parts.append(
                ngettext(
                    "%(count)s placement ended; by gender they are %(too_few)s.",
                    "%(count)s placements ended; by gender they are %(too_few)s.",
                    one.ended,
                )
                % {"count": one.ended, "too_few": too_few()}
            )
        at_end = _shares(women["share"], men["share"])
        if at_end is not None:
            parts.append(_("Of those who ended, %(shares)s went on to work or studies.") % {"shares": at_end})
        else:
            parts.append(
                _("How many women and men went on to work or studies is %(too_few)s.")
                % {"too_few": too_few()}
            )
    for months, word in ((6, _("six")), (12, _("twelve"))):
        if not one.followed_up(months):
            continue
        after = _shares(women[f"share_{months}"], men[f"share_{months}"])
        if after is not None:
            parts.append(
                _("Of those followed up %(months)s months after the end, %(shares)s were in work or studies.")
                % {"months": word, "shares": after}
            )
        else:
            parts.append(
                _("Followed up %(months)s months after the end, the women and men are %(too_few)s.")
                % {"months": word, "too_few": too_few()}
            )
    return " ".join(parts)


def analysis_text(report: KeyFiguresReport) -> str:
    """A paragraph per agreement and one for the sum; then, where some figures allow no
    comparison of women and men, which, and the seed's standard sentence."""
    paragraphs = [sentences(agreement.name, one) for agreement, one in report.rows]
    if len(report.rows) > 1:
        paragraphs.append(sentences(_("All the partnerships together"), report.total))
    without = [agreement.name for agreement, one in report.rows if not comparable(one)]
    if without or not comparable(report.total):
        lead = (
            ngettext(
                "For %(names)s the figures allow no comparison of women and men.",
                "For %(names)s the figures allow no comparison of women and men.",
                len(without),
            )
            % {"names": wording.join_names(without)}
            if without
            else ""
        )
        paragraphs.append(" ".join(filter(None, [lead, standard_sentence()])))
    return "\n\n".join(paragraphs)
