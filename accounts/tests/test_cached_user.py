"""The logged-in user from the shared cache (issue 22, accounts/usercache.py): with sessions
through the cache as well, a warm request reads neither the session nor the user, and a change
to the user (deactivated, new password, deleted) counts on the very next request. The copy
carries the user's roles and permissions, so a change to those (however it is made) counts on the
very next request too."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission

from accounts import roles

from .test_cached_sessions import CACHED_DB, engine_with
from .test_fixed_overhead import FIXED_QUERIES

URLS = "accounts.tests.test_cached_sessions"


@pytest.fixture
def shared_cache(settings):
    """What REDIS_URL switches on (the tests' memory cache is one process's, as Redis is one)."""
    settings.SESSION_ENGINE = CACHED_DB
    settings.CACHED_USER_SECONDS = 60


def test_the_user_is_cached_only_with_a_shared_cache():
    assert engine_with("redis://127.0.0.1:6379/15", "CACHED_USER_SECONDS") == "60"
    assert engine_with(None, "CACHED_USER_SECONDS") == "0"


@pytest.mark.urls(URLS)
def test_a_warm_request_reads_no_session_no_user_and_no_roles(
    client, official, shared_cache, django_assert_num_queries
):
    client.force_login(official)
    client.get("/trivial/")  # refreshes the session once, and keeps the user
    # FIXED_QUERIES (test_fixed_overhead.py) less the session's, the user's and the roles': the
    # navigation's permission checks are answered from the cached copy
    with django_assert_num_queries(FIXED_QUERIES - 3):
        assert client.get("/trivial/").status_code == 200


@pytest.mark.urls(URLS)
def test_a_deactivated_user_is_out_at_the_next_request(client, official, shared_cache):
    client.force_login(official)
    assert client.get("/trivial/").status_code == 200
    official.is_active = False
    official.save()
    response = client.get("/trivial/")
    assert response.status_code == 302 and "/login/" in response.url


@pytest.mark.urls(URLS)
def test_a_new_password_ends_the_other_sessions(client, official, shared_cache):
    client.force_login(official)
    assert client.get("/trivial/").status_code == 200
    official.set_password("ett helt nytt lösenord 42")
    official.save()
    response = client.get("/trivial/")
    assert response.status_code == 302 and "/login/" in response.url


@pytest.mark.urls(URLS)
def test_a_deleted_user_is_out_at_the_next_request(client, official, shared_cache):
    client.force_login(official)
    assert client.get("/trivial/").status_code == 200
    official.delete()
    response = client.get("/trivial/")
    assert response.status_code == 302 and "/login/" in response.url


OVERVIEW = "/agreements/?year=2023"


def remove_official_role(official) -> None:
    official.groups.remove(Group.objects.get(name=roles.OFFICIAL))


def take_the_permission_from_the_group(official) -> None:
    Group.objects.get(name=roles.OFFICIAL).permissions.remove(
        Permission.objects.get(codename="view_agreement")
    )


def clear_the_groups_permissions(official) -> None:
    Group.objects.get(name=roles.OFFICIAL).permissions.clear()


def clear_the_permissions_groups(official) -> None:
    Permission.objects.get(codename="view_agreement").group_set.clear()


def delete_the_permission(official) -> None:
    Permission.objects.get(codename="view_agreement").delete()


def delete_the_group(official) -> None:
    Group.objects.get(name=roles.OFFICIAL).delete()


@pytest.mark.parametrize(
    "change",
    [
        remove_official_role,
        take_the_permission_from_the_group,
        clear_the_groups_permissions,
        clear_the_permissions_groups,
        delete_the_permission,
        delete_the_group,
    ],
)
def test_a_lost_role_or_permission_counts_at_the_next_request(client, official, shared_cache, change):
    client.force_login(official)
    assert client.get(OVERVIEW).status_code == 200
    assert client.get(OVERVIEW).status_code == 200  # from the cached copy
    change(official)
    assert client.get(OVERVIEW).status_code == 403


def give_the_role(user) -> None:
    user.groups.add(Group.objects.get(name=roles.OFFICIAL))


def give_the_permission(user) -> None:
    user.user_permissions.add(Permission.objects.get(codename="view_agreement"))


def give_it_from_the_permissions_side(user) -> None:
    Permission.objects.get(codename="view_agreement").user_set.add(user)


def give_the_group_the_permission(user) -> None:
    group = Group.objects.create(name="läsare")
    user.groups.add(group)
    assert user.__class__.objects.get(pk=user.pk).has_perm("partnerships.view_agreement") is False
    Permission.objects.get(codename="view_agreement").group_set.add(group)


@pytest.mark.parametrize(
    "change",
    [give_the_role, give_the_permission, give_it_from_the_permissions_side, give_the_group_the_permission],
)
def test_a_new_role_or_permission_counts_at_the_next_request(client, django_user_model, shared_cache, change):
    user = django_user_model.objects.create_user(username="ny")
    client.force_login(user)
    assert client.get(OVERVIEW).status_code == 403
    assert client.get(OVERVIEW).status_code == 403  # from the cached copy
    change(user)
    assert client.get(OVERVIEW).status_code == 200


@pytest.mark.parametrize("clear", [True, False], ids=["cleared", "removed"])
def test_a_permission_taken_from_its_side_counts_at_the_next_request(
    client, django_user_model, shared_cache, clear
):
    # (a role taken from the group's side, `group.user_set`, is not possible here: the history
    # of User.groups, django-simple-history, fails on it)
    user = django_user_model.objects.create_user(username="ny")
    permission = Permission.objects.get(codename="view_agreement")
    user.user_permissions.add(permission)
    client.force_login(user)
    assert client.get(OVERVIEW).status_code == 200
    assert client.get(OVERVIEW).status_code == 200  # from the cached copy
    if clear:
        permission.user_set.clear()
    else:
        permission.user_set.remove(user)
    assert client.get(OVERVIEW).status_code == 403


def test_a_warm_overview_reads_only_the_years_and_the_version(
    client, official, shared_cache, django_assert_max_num_queries
):
    client.force_login(official)
    client.get(OVERVIEW)
    client.get(OVERVIEW)
    with django_assert_max_num_queries(2):  # no session, no user, no roles and permissions
        assert client.get(OVERVIEW).status_code == 200
