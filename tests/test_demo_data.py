"""Demo data loaded once per session (tests/demo_data.py): kept rows come back as they were."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.db import transaction

from partnerships.models import Partner
from tests import demo_data

pytestmark = pytest.mark.django_db


def a_test() -> SimpleNamespace:
    """What load_once reads of pytest's request: the test's node, to note what it put back."""
    return SimpleNamespace(node=SimpleNamespace())


@pytest.fixture
def counted():
    calls = []

    def loader():
        calls.append(1)
        partner, _ = Partner.objects.get_or_create(
            name="Engångsföreningen", defaults={"kind": Partner.Kind.FOUNDATION}
        )
        return {"partner": partner, "names": [partner.name]}

    yield loader, calls
    demo_data._LOADED.pop("test.counted", None)


def load_and_roll_back(name, loader):
    with transaction.atomic():
        result = demo_data.load_once(a_test(), name, loader)
        transaction.set_rollback(True)
    return result


def test_a_loader_runs_once_and_its_rows_come_back(counted):
    loader, calls = counted
    first = load_and_roll_back("test.counted", loader)
    assert not Partner.objects.filter(name="Engångsföreningen").exists()

    again = demo_data.load_once(a_test(), "test.counted", loader)
    assert calls == [1]
    assert again["partner"].pk == first["partner"].pk and again["names"] == ["Engångsföreningen"]
    assert again["partner"].kind == Partner.Kind.FOUNDATION
    assert Partner.history.filter(name="Engångsföreningen").count() == 1  # history rows too
    assert Partner.objects.create(name="Nästa").pk > again["partner"].pk  # sequences follow


def test_rows_that_clash_with_the_tests_own_have_the_loader_run(counted):
    loader, calls = counted
    load_and_roll_back("test.counted", loader)
    own = Partner.objects.create(name="Engångsföreningen")
    assert demo_data.load_once(a_test(), "test.counted", loader)["partner"] == own
    assert calls == [1, 1]


def test_a_loader_that_changes_rows_is_not_kept():
    partner = Partner.objects.create(name="Förening", kind=Partner.Kind.ASSOCIATION)
    calls = []

    def loader():
        calls.append(1)
        Partner.objects.filter(pk=partner.pk).update(kind=Partner.Kind.OTHER)

    try:
        load_and_roll_back("test.changing", loader)
        load_and_roll_back("test.changing", loader)
    finally:
        demo_data._LOADED.pop("test.changing", None)
    assert calls == [1, 1]


def test_the_seed_fixture_is_the_seed(seed):
    """However it was loaded, the seed is the seed: seven agreements, IKF's parties as the IKF decision memo (docs/domain.md)."""
    assert len(seed) == 7 and seed["ikf2023"].parties.get().partner.name == "Internationella Kvinnoföreningen"
