"""Small counts cannot be undone by subtraction (issue 8, item 11; participants.disclosure)."""

from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal

import pytest

from participants.disclosure import HIDDEN, SMALL, derived_text, per_person, share, suppress
from participants.models import Gender, PlacementStatus

from .factories import AgreementFactory, ParticipantFactory, PlacementFactory

GENDERS = ["woman", "man", "other", "unknown"]


def gender_table(total: int, **by_gender: int):
    counts = {"total": total, **{g: by_gender.get(g, 0) for g in GENDERS}}
    return counts, [("total", GENDERS)]


def possible_values(counts, groups, shown, upper: int) -> dict:
    """By brute force: every value each hidden count can take, given what is shown and that
    every group adds up. "<5" is 1–4; ".." is anything from 0 to `upper`."""
    hidden = [key for key, value in shown.items() if value in (SMALL, HIDDEN)]
    ranges = [range(1, 5) if shown[key] == SMALL else range(upper + 1) for key in hidden]
    possible: dict = {key: set() for key in hidden}
    for values in itertools.product(*ranges):
        guess = {
            **{k: v for k, v in shown.items() if k not in hidden},
            **dict(zip(hidden, values, strict=True)),
        }
        if all(guess[total] == sum(guess[p] for p in parts) for total, parts in groups):
            for key, value in zip(hidden, values, strict=True):
                possible[key].add(value)
    return possible


def shown_counts(counts, groups, **kwargs):
    result = suppress(counts, groups, **kwargs)
    return {key: result.show(key, count) for key, count in counts.items()}


def test_the_issues_example_cannot_be_undone():
    """ "12 inskrivna, Kvinna 8, Man <5": without a second hidden cell, Man = 12 − 8 = 4."""
    counts, groups = gender_table(12, woman=8, man=4)
    shown = shown_counts(counts, groups, fixed=["total"])
    assert shown == {"total": 12, "woman": HIDDEN, "man": SMALL, "other": 0, "unknown": 0}
    assert len(possible_values(counts, groups, shown, upper=12)["man"]) > 1


@pytest.mark.parametrize(
    ("counts", "groups", "kwargs", "expected"),
    [
        # nothing small: nothing hidden
        (
            *gender_table(12, woman=7, man=5),
            {},
            {"total": 12, "woman": 7, "man": 5, "other": 0, "unknown": 0},
        ),
        # two small ones protect each other
        (
            *gender_table(5, woman=3, man=2),
            {"exempt": ["total"]},
            {"total": 5, "woman": SMALL, "man": SMALL, "other": 0, "unknown": 0},
        ),
        # the smallest other non-zero count is the one hidden
        (
            *gender_table(20, woman=9, man=6, other=2, unknown=3),
            {"fixed": ["total"]},
            {"total": 20, "woman": 9, "man": 6, "other": SMALL, "unknown": SMALL},
        ),
        (
            *gender_table(20, woman=9, man=8, other=3),
            {"fixed": ["total"]},
            {"total": 20, "woman": 9, "man": HIDDEN, "other": SMALL, "unknown": 0},
        ),
        # no other non-zero count: the total goes (when it may)
        (
            *gender_table(3, man=3),
            {"exempt": ["total"]},
            {"total": HIDDEN, "woman": 0, "man": SMALL, "other": 0, "unknown": 0},
        ),
    ],
)
def test_a_second_count_is_hidden_wherever_one_alone_would_be(counts, groups, kwargs, expected):
    assert shown_counts(counts, groups, **kwargs) == expected


def test_rows_and_columns_together_are_protected():
    """A 2 × 2 table with row and column totals: hiding spreads until no line has one hidden."""
    counts = {"a": 3, "b": 7, "c": 6, "d": 8, "r1": 10, "r2": 14, "k1": 9, "k2": 15, "all": 24}
    groups = [
        ("r1", ["a", "b"]),
        ("r2", ["c", "d"]),
        ("k1", ["a", "c"]),
        ("k2", ["b", "d"]),
        ("all", ["r1", "r2"]),
    ]
    shown = shown_counts(counts, groups, exempt=["all"], fixed=["all"])
    hidden = {key for key, value in shown.items() if value in (SMALL, HIDDEN)}
    for total, parts in groups:
        assert sum(member in hidden for member in [total, *parts]) != 1
    assert len(possible_values(counts, groups, shown, upper=24)["a"]) > 1


def test_the_agreement_page_does_not_let_the_issues_example_be_undone(client, official, coordinator):
    agreement = AgreementFactory(name="Liten verksamhet")
    for gender, n in ((Gender.WOMAN, 8), (Gender.MAN, 4)):
        for _ in range(n):
            PlacementFactory(
                agreement=agreement, start=date(2023, 2, 1), participant=ParticipantFactory(gender=gender)
            )
    client.force_login(official)
    html = client.get(agreement.get_absolute_url(), {"year": 2023}).content.decode()
    assert "12 inskrivna" in html
    genders = html.split('id="figures-by-gender"', 1)[1].split("</table>", 1)[0]
    rows = [row.split("</td>")[:2] for row in genders.split("<tr>")[2:]]
    enrolled = {row[0].split(">")[-1]: row[1].split(">")[-1] for row in rows}
    assert enrolled["Man"] == "&lt;5" and enrolled["Kvinna"] == ".."  # not 8: 12 − 8 would give 4
    client.force_login(coordinator)
    html = client.get(agreement.get_absolute_url(), {"year": 2023}).content.decode()
    assert ">8<" in html.split('id="figures-by-gender"', 1)[1].split("</table>", 1)[0]


def test_ended_counts_are_protected_across_reasons_and_genders(client, official):
    agreement = AgreementFactory(name="Avslut")
    for gender in (Gender.WOMAN, Gender.WOMAN, Gender.MAN):
        PlacementFactory(
            agreement=agreement,
            start=date(2023, 2, 1),
            actual_end=date(2023, 5, 1),
            status=PlacementStatus.ENDED,
            end_reason="work",
            participant=ParticipantFactory(gender=gender),
        )
    for _ in range(6):
        PlacementFactory(
            agreement=agreement,
            start=date(2023, 2, 1),
            actual_end=date(2023, 6, 1),
            status=PlacementStatus.ENDED,
            end_reason="studies",
            participant=ParticipantFactory(gender=Gender.WOMAN),
        )
    client.force_login(official)
    html = client.get(agreement.get_absolute_url(), {"year": 2023}).content.decode()
    reasons = html.split('id="ended-by-reason"', 1)[1].split("</table>", 1)[0]
    # studies: 6 women; work: 2 women, 1 man — the 6 would give work's women as 8 − 6 = 2
    assert ">6<" not in reasons and ">2<" not in reasons and ">1<" not in reasons


@pytest.mark.parametrize(
    "part, whole, hidden, expected",
    [
        (0, 0, False, None),  # nobody: no share at all
        (4, 4, False, HIDDEN),  # "100 %" of four tells what happened to each (issue 21, row 12)
        (0, 4, False, HIDDEN),  # and so does "0 %"
        (1, 1, False, HIDDEN),
        (4, 5, False, Decimal(80)),
        (0, 5, False, Decimal(0)),
        (2, 9, False, Decimal(22)),  # 22.2 → 22
        (1, 8, False, Decimal(13)),  # 12.5 → 13, half up
        (6, 9, True, HIDDEN),  # a base or part shown as "<5" or "..": the share would give it back
    ],
)
def test_a_share_is_withheld_on_fewer_than_five(part, whole, hidden, expected):
    assert share(part, whole, hidden=hidden) == expected


@pytest.mark.parametrize(
    "amount, people, expected",
    [
        (Decimal(1_100_000), 0, None),
        (Decimal(1_100_000), 3, HIDDEN),  # 366 667 kr is what each of the three cost
        (Decimal(1_100_000), 4, HIDDEN),
        (Decimal(1_100_000), 5, Decimal(220_000)),
        (Decimal(1_100_000), 6, Decimal(183_333)),
        (Decimal(5), 10, Decimal(1)),  # 0.5 kr → 1 kr, half up
    ],
)
def test_a_cost_per_person_is_withheld_on_fewer_than_five(amount, people, expected):
    assert per_person(amount, people) == expected


@pytest.mark.parametrize("value, expected", [(None, "–"), (HIDDEN, ".."), (Decimal(80), "80 %")])
def test_a_derived_figure_prints_as_the_figure_the_marker_or_a_dash(value, expected):
    assert derived_text(value) == expected
