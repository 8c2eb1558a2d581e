"""load_demo's reports part: the seed's 2021 follow-ups and decision memo, idempotent."""

import pytest
from django.core.management import call_command

from reports.models import FollowUp, Memo, MemoDefaults, MemoSection

pytestmark = pytest.mark.django_db


def counts():
    """The seed's rows; today's fictitious follow-ups (dashboard/demo.py) are counted apart."""
    return (
        FollowUp.objects.exclude(summary__startswith="FIKTIV").count(),
        Memo.objects.count(),
        MemoSection.objects.count(),
        MemoDefaults.objects.count(),
    )


def test_load_demo_twice_changes_nothing(settings):
    settings.DEBUG = False
    call_command("load_demo")
    first = counts()
    call_command("load_demo")
    assert counts() == first
    assert first[0] == 5 and first[1] == 1 and first[3] == 1


def test_the_2021_follow_ups_are_approved_with_the_seeds_figures(demo):
    follow_ups = {f.agreement.name: f for f in FollowUp.objects.filter(year=2021)}
    assert sorted(follow_ups) == [
        "Bro-modellen",
        "Hoppfull framtid",
        "Inkludering på lika villkor",
        "Kompletterande språkträning",
        "Språkvänner",
    ]
    assert {name: f.enrolled for name, f in follow_ups.items() if f.enrolled is not None} == {
        "Kompletterande språkträning": 40,
        "Inkludering på lika villkor": 54,
    }
    assert all(f.status == FollowUp.Status.APPROVED for f in follow_ups.values())
