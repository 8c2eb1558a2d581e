"""In tests: every municipal user is a member of every committee (conftest.py explains why)."""

from __future__ import annotations

from contextlib import contextmanager

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed, post_save

from accounts.access import MUNICIPAL_ROLES
from accounts.models import CommitteeMembership
from partnerships.models import Committee

_connected = False


def add_everyone_to(committees) -> None:
    """Every user with a municipal role becomes a member of each of `committees`."""
    users = list(
        get_user_model().objects.filter(groups__name__in=MUNICIPAL_ROLES).values_list("pk", flat=True)
    )
    _add(users, [committee.pk for committee in committees])


def _add(user_ids, committee_ids) -> None:
    CommitteeMembership.objects.bulk_create(
        [CommitteeMembership(user_id=u, committee_id=c) for u in set(user_ids) for c in set(committee_ids)],
        ignore_conflicts=True,
    )


def _committee_saved(sender, instance, created, raw=False, **kwargs) -> None:
    if created:
        add_everyone_to([instance])


def _groups_changed(sender, instance, action, reverse, model, pk_set, **kwargs) -> None:
    if action != "post_add" or not pk_set:
        return
    committees = list(Committee.objects.values_list("pk", flat=True))
    if not committees:
        return
    if reverse:  # group.user_set.add(users)
        if instance.name in MUNICIPAL_ROLES:
            _add(pk_set, committees)
    elif Group.objects.filter(pk__in=pk_set, name__in=MUNICIPAL_ROLES).exists():
        _add([instance.pk], committees)


@contextmanager
def after_loading():
    """Around a demo loader (tests.demo_data.load_once): no memberships while it runs, so none
    are kept with its rows; then, if the receivers are on, every municipal user joins every
    committee there is (the loader's, also when put back by bulk_create, which saves nothing)."""
    was = _connected
    if was:
        disconnect()
    try:
        yield
    finally:
        if was:
            connect()
            add_everyone_to(Committee.objects.all())


def connect() -> None:
    global _connected
    post_save.connect(_committee_saved, sender=Committee, dispatch_uid="test-committee-members")
    m2m_changed.connect(
        _groups_changed, sender=get_user_model().groups.through, dispatch_uid="test-committee-members"
    )
    _connected = True


def disconnect() -> None:
    global _connected
    post_save.disconnect(sender=Committee, dispatch_uid="test-committee-members")
    m2m_changed.disconnect(sender=get_user_model().groups.through, dispatch_uid="test-committee-members")
    _connected = False
