"""core/dataversion.py: the data version moves on every save and delete, through any path, and
refuses a model whose changes it could not see."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import SecurityEvent
from core import dataversion
from partnerships.guidelines import GuidelineCriterion, default_guideline
from partnerships.models import Agreement, AgreementParty, Amendment, Committee, Partner

pytestmark = pytest.mark.django_db

SHOWN = (Committee, Agreement, AgreementParty, Amendment, Partner, GuidelineCriterion)


def test_a_save_and_a_delete_each_make_a_new_version(seed):
    versions = [dataversion.read(SHOWN).token]
    seed["hoppfull"].save()
    versions.append(dataversion.read(SHOWN).token)
    criterion = default_guideline().criteria.first()
    criterion.text = "Ändrad"
    criterion.save()
    versions.append(dataversion.read(SHOWN).token)
    seed["hoppfull"].parties.get().delete()
    versions.append(dataversion.read(SHOWN).token)
    assert len(set(versions)) == 4


def test_it_costs_one_query(seed, django_assert_num_queries):
    with django_assert_num_queries(1):
        dataversion.read(SHOWN)


def test_a_model_without_history_is_refused():
    with pytest.raises(ValueError, match="SecurityEvent has no history"):
        dataversion.read([SecurityEvent])


def test_it_settles_a_while_after_the_newest_change(seed):
    # a change now: the seed's own history may be older than SETTLE_SECONDS (it is loaded once a
    # test process, and a long parallel run reaches this test minutes later; CI found that)
    seed["ikf2023"].save()
    fresh = dataversion.read(SHOWN)
    later = dataversion.read(SHOWN, now=timezone.now() + timedelta(seconds=dataversion.SETTLE_SECONDS + 1))
    assert not fresh.settled and later.settled
    assert fresh.token != later.token and fresh.changed_at == later.changed_at
    assert later.seconds_to_settle() == 0


def test_etags_differ_by_what_else_the_answer_varies_by(seed):
    version = dataversion.read(SHOWN)
    assert version.etag("user:1") != version.etag("user:2")
    assert version.etag("a") == version.etag("a") and version.etag("a").startswith('"')
