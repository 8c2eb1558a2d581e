"""The one key-figures builder (reports/keyfigures.py, issue 24) on the demo data: every total
and each breakdown by gender pinned to the figure, so a count that starts at 1, a gender left
out of a sum or a previous year taken from the wrong year fails. The demo's participants and
outcomes are participants.demo's (fixed seeds); 54 enrolled in IKF 2021 is the follow-up memo's (docs/domain.md)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import timezone

from partnerships.models import Agreement
from reports.keyfigures import build_key_figures

pytestmark = pytest.mark.django_db

ZERO = {"other": 0, "unknown": 0}


@pytest.fixture
def an(demo_participants):
    committee = demo_participants["hoppfull"].committee
    decided = Agreement.objects.decided().filter(committee=committee)

    def report(year):
        return build_key_figures(decided.valid_in(year), year, previous_agreements=decided.valid_in(year - 1))

    return report


def by_gender(counts: dict) -> dict:
    return dict(counts)


def test_the_committees_2021_totals_and_each_breakdown_by_gender(an):
    total = an(2021).total
    assert total.committee_cost == Decimal("3025000")  # the five that ran in 2021, Språkvänner too
    assert (total.enrolled, total.ended, total.ended_in_work_or_studies) == (130, 49, 18)
    assert by_gender(total.enrolled_by_gender) == {"woman": 113, "man": 17, **ZERO}
    assert by_gender(total.ended_by_gender) == {"woman": 43, "man": 6, **ZERO}
    assert by_gender(total.work_or_studies_by_gender) == {"woman": 14, "man": 4, **ZERO}
    assert by_gender(total.followed_up_by_gender[6]) == {"woman": 40, "man": 4, **ZERO}
    assert by_gender(total.work_or_studies_after_by_gender[6]) == {"woman": 16, "man": 4, **ZERO}
    assert by_gender(total.followed_up_by_gender[12]) == {"woman": 43, "man": 6, **ZERO}
    assert by_gender(total.work_or_studies_after_by_gender[12]) == {"woman": 20, "man": 4, **ZERO}
    assert (total.work_or_studies_share, total.share_after(6), total.share_after(12)) == (37, 45, 49)
    assert (total.cost_per_place, total.cost_per_participant) == (Decimal("47563"), Decimal("23269"))


def test_shares_by_gender_and_none_on_fewer_than_five(an):
    total = an(2021).total
    unmasked = {row["gender"]: row for row in total.gender_rows(masked=False)}
    women, men = unmasked["woman"], unmasked["man"]
    assert (women["share"], women["share_6"], women["share_12"]) == (33, 40, 47)  # 14/43, 16/40, 20/43
    assert (men["share"], men["share_6"], men["share_12"]) == (67, "..", 67)  # 4/6, 4 of 4: withheld, 4/6
    masked = {row["gender"]: row for row in total.gender_rows(masked=True)}
    # four men in work: "<5", so the women's count beside it is hidden too, and both shares
    assert (masked["man"]["work_or_studies"], masked["woman"]["work_or_studies"]) == ("<5", "..")
    assert (masked["woman"]["share"], masked["man"]["share"]) == ("..", "..")
    assert masked["other"]["share"] is None  # nobody: no share of nobody


def test_2022_beside_2021(an):
    report = an(2022)
    total = report.total
    assert total.committee_cost == Decimal("3375000")  # docs/domain.md: the 2022 overview's sum
    assert by_gender(total.enrolled_by_gender) == {"woman": 100, "man": 17, **ZERO}
    assert by_gender(total.ended_by_gender) == {"woman": 84, "man": 8, **ZERO}
    assert by_gender(total.work_or_studies_by_gender) == {"woman": 28, "man": 2, **ZERO}
    assert by_gender(total.followed_up_by_gender[6]) == {"woman": 79, "man": 8, **ZERO}
    assert by_gender(total.work_or_studies_after_by_gender[6]) == {"woman": 31, "man": 2, **ZERO}
    assert by_gender(total.followed_up_by_gender[12]) == {"woman": 78, "man": 8, **ZERO}
    assert by_gender(total.work_or_studies_after_by_gender[12]) == {"woman": 35, "man": 2, **ZERO}
    before = total.previous
    assert (before.year, before.enrolled, before.committee_cost) == (2021, 130, Decimal("3025000"))
    assert by_gender(before.enrolled_by_gender) == {"woman": 113, "man": 17, **ZERO}
    ikf = next(one for agreement, one in report.rows if agreement.name == "Inkludering på lika villkor")
    assert (ikf.enrolled, ikf.previous.enrolled) == (39, 54)
    vises = next(one for agreement, one in report.rows if agreement.name == "Vi Ses!")
    assert vises.previous is None  # it began in 2022
    assert vises.cost_per_participant == vises.work_or_studies_share == ".."  # four people


def test_capacity_utilisation_and_the_cost_beside_it(an):
    rows = {agreement.name: one for agreement, one in an(2021).rows}
    hoppfull = rows["Hoppfull framtid"]
    # issue 24: 174 187 kr per used place, and only 6.3 of 40 places used (16 %)
    assert (hoppfull.cost_per_place, round(hoppfull.full_year_places, 1), hoppfull.utilisation) == (
        Decimal("174187"),
        Decimal("6.3"),
        16,
    )
    ikf = rows["Inkludering på lika villkor"]
    assert (ikf.enrolled, ikf.utilisation) == (54, 90)  # 54 of 60 individuals (seeds 000, 003)
    assert (ikf.work_or_studies_share, ikf.share_after(6), ikf.share_after(12)) == (30, 32, 48)
    assert rows["Språkvänner"].utilisation is None  # no capacity stated
    assert an(2021).total.utilisation == 27  # places used of the 40 + 40 + 48 stated


def test_each_partys_promised_contribution(an):
    rows = {agreement.name: one for agreement, one in an(2021).rows}
    assert [(c.party, c.promised, c.reported) for c in rows["Inkludering på lika villkor"].contributions] == [
        ("Arbetsmarknadsnämnden", Decimal("230000"), None),
        ("Internationella Kvinnoföreningen", Decimal("224000"), None),  # 454 000 − 230 000
    ]
    assert rows["Inkludering på lika villkor"].co_financing_ratio == Decimal("0.97")


def test_a_reported_contribution_is_read_from_the_follow_up_when_it_holds_one(an, monkeypatch):
    """The hook for the partner's follow-up fields (issue 24, built in parallel)."""
    from reports.models import FollowUp

    ikf = Agreement.objects.get(name="Inkludering på lika villkor", valid_from__year=2021)
    partner = ikf.parties.get().partner
    now = timezone.now()
    FollowUp.objects.update_or_create(
        agreement=ikf,
        year=2021,
        defaults={"status": FollowUp.Status.APPROVED, "submitted_at": now, "approved_at": now},
    )
    monkeypatch.setattr(
        FollowUp,
        "reported_contributions_by_partner",
        lambda self: {None: Decimal("230000"), partner.pk: Decimal("301000")},
        raising=False,
    )
    one = an(2021).of(ikf)
    assert [c.reported for c in one.contributions] == [Decimal("230000"), Decimal("301000")]
