"""In tests: a municipal user's committee memberships, made for them (conftest.py explains why).

Two ways, chosen per test by conftest's `_municipal_users_in_one_committee`:

- `FIRST` (the default): every user with a municipal role who is in no committee becomes a member
  of the FIRST committee only, the one with the lowest primary key: the seed's
  arbetsmarknadsnämnden (AN), or the committee a test makes first. A second committee the test makes has no members unless the test adds them,
  so a page, job, export or mail that reaches across committees shows in the test.
- `EVERY` (`@pytest.mark.every_committee`): every municipal user is a member of every committee,
  the behaviour before issue 21, for a test that truly needs one user in several committees.

Memberships follow the test in whatever order it makes its users and committees: when a role is
given (an m2m_changed receiver on the user's groups), when a committee is created (a post_save
receiver), and after a demo loader (`tests.demo_data.load_once`), which may put committees back
with bulk_create, which sends no signal.
"""

from __future__ import annotations

from contextlib import contextmanager

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed, post_save

from accounts.access import MUNICIPAL_ROLES
from accounts.models import CommitteeMembership
from partnerships.models import Committee

FIRST = "first"
EVERY = "every"

_mode: str | None = None  # None: disconnected (committee_isolation, or outside a test)


def _municipal_user_ids() -> list[int]:
    """The municipal users who get memberships: in FIRST mode only those in no committee yet, so
    a membership a loader or the test made (the demo's handlaggare-sn in socialnämnden) stays the
    user's one committee."""
    users = get_user_model().objects.filter(groups__name__in=MUNICIPAL_ROLES)
    if _mode == FIRST:
        users = users.filter(committee_memberships__isnull=True)
    return list(users.values_list("pk", flat=True).distinct())


def _committees_to_join() -> list[int]:
    """The committees a municipal user joins in the current mode: the first, or every one."""
    committees = Committee.objects.order_by("pk").values_list("pk", flat=True)
    if _mode == FIRST:
        return list(committees[:1])
    return list(committees)


def _add(user_ids, committee_ids) -> None:
    CommitteeMembership.objects.bulk_create(
        [CommitteeMembership(user_id=u, committee_id=c) for u in set(user_ids) for c in set(committee_ids)],
        ignore_conflicts=True,
    )


def join_everyone() -> None:
    """Every municipal user joins the committees of the current mode (if any exist yet)."""
    committees = _committees_to_join()
    if committees:
        _add(_municipal_user_ids(), committees)


def _committee_saved(sender, instance, created, raw=False, **kwargs) -> None:
    # In FIRST mode a committee made after another one is nobody's: only the first is joined.
    if created and instance.pk in _committees_to_join():
        _add(_municipal_user_ids(), [instance.pk])


def _groups_changed(sender, instance, action, reverse, model, pk_set, **kwargs) -> None:
    if action != "post_add" or not pk_set:
        return
    committees = _committees_to_join()
    if not committees:
        return
    if reverse:  # group.user_set.add(users)
        users = pk_set if instance.name in MUNICIPAL_ROLES else set()
    elif Group.objects.filter(pk__in=pk_set, name__in=MUNICIPAL_ROLES).exists():
        users = {instance.pk}
    else:
        users = set()
    if users and _mode == FIRST:
        users -= set(CommitteeMembership.objects.filter(user_id__in=users).values_list("user_id", flat=True))
    _add(users, committees)


@contextmanager
def after_loading():
    """Around a demo loader (tests.demo_data.load_once): no memberships while it runs, so none
    are kept with its rows; then, if the receivers are on, every municipal user joins the
    committees of the mode (the loader's too, also when put back by bulk_create)."""
    was = _mode
    if was:
        disconnect()
    try:
        yield
    finally:
        if was:
            connect(was)
            join_everyone()


def connect(mode: str = FIRST) -> None:
    global _mode
    post_save.connect(_committee_saved, sender=Committee, dispatch_uid="test-committee-members")
    m2m_changed.connect(
        _groups_changed, sender=get_user_model().groups.through, dispatch_uid="test-committee-members"
    )
    _mode = mode


def disconnect() -> None:
    global _mode
    post_save.disconnect(sender=Committee, dispatch_uid="test-committee-members")
    m2m_changed.disconnect(sender=get_user_model().groups.through, dispatch_uid="test-committee-members")
    _mode = None
