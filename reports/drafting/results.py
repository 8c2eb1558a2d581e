"""What the decision memo says from the register's figures (issue 24): the whole period's money
("450 000 + 459 000 = 909 000 kronor" for IKF 2023–2024) and what the predecessor achieved
(Inkludering på lika villkor: 54 enrolled in 2021, the follow-up memo (docs/domain.md), and their outcomes), from the one
key-figures builder (reports/keyfigures.py). A memo is public: a share on fewer than five is
"för få för att redovisa" in words (participants.disclosure)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from partnerships.models import Agreement

from .. import wording
from ..gender_analysis import too_few
from ..keyfigures import KeyFigures, build_key_figures


def period_totals(agreement: Agreement) -> str:
    """ "För hela perioden 2023–2024 uppgår nämndens kostnad till 450 000 + 459 000 = 909 000
    kronor och verksamhetens beräknade värde till 900 000 + 918 000 = 1 818 000 kronor." Each
    year as the schedule gives it (indexed, prorated by day)."""
    years = agreement.schedule()
    if len(years) < 2:
        return ""

    def sum_text(amounts: list[Decimal]) -> str:
        parts = " + ".join(wording.kronor(a).removesuffix("\u00a0" + _("kronor")) for a in amounts)
        return f"{parts} = {wording.kronor(sum(amounts, Decimal(0)))}"

    return _(
        "For the whole period %(first)s–%(last)s the committee's cost amounts to %(cost)s and the calculated value "
        "of the activity to %(value)s."
    ) % {
        "first": years[0].year,
        "last": years[-1].year,
        "cost": sum_text([y.committee_cost for y in years]),
        "value": sum_text([y.value for y in years]),
    }


def _share(value) -> str:
    return f"{value:f}\u00a0%" if isinstance(value, Decimal) else too_few()


def year_results(name: str, one: KeyFigures) -> str:
    """One year of an agreement's results in words; "" when nobody was enrolled."""
    if not one.enrolled:
        return ""
    values = {"name": name, "year": one.year, "count": one.enrolled}
    parts = [
        ngettext(
            "In %(year)s %(name)s had %(count)s enrolled participant.",
            "In %(year)s %(name)s had %(count)s enrolled participants.",
            one.enrolled,
        )
        % values
    ]
    if one.ended:
        parts.append(
            ngettext(
                "Of the %(count)s who ended, the share that went on to work or studies is %(share)s.",
                "Of the %(count)s who ended, the share that went on to work or studies is %(share)s.",
                one.ended,
            )
            % {"count": one.ended, "share": _share(one.work_or_studies_share)}
        )
    after = [
        _("%(months)s months after the end %(share)s")
        % {"months": months, "share": _share(one.share_after(months))}
        for months in (6, 12)
        if one.followed_up(months)
    ]
    if after:
        parts.append(
            _("In work or studies, of those followed up: %(shares)s.") % {"shares": wording.join_names(after)}
        )
    return " ".join(parts)


def predecessor_results(agreement: Agreement, on: date) -> str:
    """The predecessor's results in each of its calendar years that had ended by `on` (the
    memo's date): a year still running is not yet a result."""
    previous = agreement.predecessor
    if previous is None:
        return ""
    years = [y for y in range(previous.valid_from.year, previous.valid_to.year + 1) if y < on.year]
    texts = []
    for year in years:
        one = build_key_figures([previous], year).of(previous)
        texts.append(year_results(previous.name, one))
    return " ".join(text for text in texts if text)
