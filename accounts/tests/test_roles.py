"""The role groups as the migrations leave them (accounts/roles.py `sync_roles`)."""

import pytest
from django.contrib.auth.models import Group

from accounts import roles

pytestmark = pytest.mark.django_db


def test_each_role_group_has_exactly_the_permissions_roles_py_names():
    for role, models in roles.ROLE_PERMISSIONS.items():
        expected = {
            f"{label.split('.')[0]}.{action}_{label.split('.')[1]}"
            for label, actions in models.items()
            for action in actions
        }
        granted = {
            f"{app_label}.{codename}"
            for app_label, codename in Group.objects.get(name=role).permissions.values_list(
                "content_type__app_label", "codename"
            )
        }
        assert granted == expected, role


def test_sync_roles_puts_back_a_removed_permission_and_takes_away_an_extra_one():
    from django.apps import apps
    from django.contrib.auth.models import Permission

    official = Group.objects.get(name=roles.OFFICIAL)
    before = set(official.permissions.all())
    removed = next(iter(before))
    extra = Permission.objects.exclude(pk__in=[p.pk for p in before]).first()
    official.permissions.remove(removed)
    official.permissions.add(extra)
    roles.sync_roles(apps)
    assert set(official.permissions.all()) == before
    # and it leaves the project's app registry as it was: post_migrate (after a transactional
    # test's flush) skips an app whose models_module is None and would make no permissions.
    assert all(config.models_module is not None for config in apps.get_app_configs() if config.models)
