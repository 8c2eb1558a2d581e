"""Swedish memo prose rules, no database."""

from datetime import date
from decimal import Decimal

import pytest

from reports import wording


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("arbetsmarknadsnämnden", "arbetsmarknadsnämndens"),
        ("Linköpings kommun", "Linköpings kommuns"),
        ("Vi Ses!", "Vi Ses!s"),
        ("Bilda", "Bildas"),
        ("Röda Korset", "Röda Korsets"),
        ("Linköpings", "Linköpings"),
        ("Fox", "Fox"),
    ],
)
def test_genitive(name, expected):
    assert wording.genitive(name) == expected


@pytest.mark.parametrize(
    ("administration", "expected"),
    [
        ("Integration- och arbetsmarknadsförvaltningen", "integration- och arbetsmarknadsdirektören"),
        ("Socialförvaltningen", "socialdirektören"),
        ("Kommunledningskontoret", "förvaltningschefen för kommunledningskontoret"),
    ],
)
def test_director_is_named_after_the_administration(administration, expected):
    assert wording.director(administration) == expected


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (900_000, "900\u00a0000\u00a0kronor"),
        (Decimal("450000"), "450\u00a0000\u00a0kronor"),
        (0, "0\u00a0kronor"),
    ],
)
def test_kronor_in_running_text(amount, expected):
    assert wording.kronor(amount) == expected


@pytest.mark.parametrize(("count", "expected"), [(1, "1"), (2, "två"), (5, "fem"), (12, "tolv"), (13, "13")])
def test_number_words(count, expected):
    assert wording.number_word(count) == expected


@pytest.mark.parametrize(
    ("rate", "expected"), [(Decimal("2.00"), "2"), (Decimal("2.50"), "2,5"), (Decimal("0.25"), "0,25")]
)
def test_percent(rate, expected):
    assert wording.percent(rate) == expected


def test_month_and_year_in_swedish():
    assert wording.month_and_year(date(2022, 3, 30)) == "mars 2022"
    assert wording.month_and_year(date(2021, 2, 1)) == "februari 2021"


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        ([], ""),
        (["Bilda"], "Bilda"),
        (["Bilda", "Erikshjälpen"], "Bilda och Erikshjälpen"),
        (["A", "B", "C"], "A, B och C"),
    ],
)
def test_join_names(names, expected):
    assert wording.join_names(names) == expected


def test_municipality_place_follows_the_setting(settings):
    assert wording.municipality_place() == "Linköpings"
    settings.MUNICIPALITY_NAME = "Norrköpings kommun"
    assert wording.municipality_place() == "Norrköpings"
