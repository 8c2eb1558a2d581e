"""The logged-in user from the shared cache: a warm request reads no user row (issue 22).

Django's AuthenticationMiddleware reads the session's user from the database on every request.
`CachedUserMiddleware` takes it from the cache instead, under the same checks Django makes: the
session's backend is still configured, the user is active, and the session's hash of the
password matches the cached user's (constant-time). Anything else falls through to Django's own
`get_user()`, which reads the row, flushes a session whose hash no longer matches, and whose
answer is then kept.

Kept only while it cannot be wrong for long:
- every save or delete of a user removes its copy, at once and again when the transaction
  commits (so a request that read the old row meanwhile cannot leave it behind for long); a
  login removes it too (the last-login time is stored without a save, rights_history.py);
- a copy lives `CACHED_USER_SECONDS` (60) at most: the same minute the second-factor decision
  may lag behind a new role (accounts/middleware.py). That bounds the one gap left: a copy
  written by a request that read the row just before a change committed elsewhere;
- only with a cache every process shares (`REDIS_URL`): with a memory cache per process, the
  save on one gunicorn worker could not remove the copy in another. The setting is 0 there.
The user is cached with its roles and permissions loaded onto it (accounts/backends.py `load`),
so a warm request reads neither. They go out with it whenever they may have changed
(`forget_rights`): the user's groups or own permissions (m2m_changed, either side), a group's
permissions or name, a group or permission deleted (whose rows go without an m2m signal). The
committees a user works for are not kept here: every page reads them in its own query
(accounts/access.py), and the page cache's key holds their history (partnerships/pagescope.py).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import auth
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.core.cache import cache
from django.db import transaction
from django.utils.crypto import constant_time_compare
from django.utils.functional import SimpleLazyObject

from . import backends


def key(user_id: object) -> str:
    return f"accounts:user:{user_id}"


def get_user(request):
    """The session's user: the cached copy when every check holds, else Django's answer."""
    seconds = settings.CACHED_USER_SECONDS
    session = request.session
    user_id = session.get(SESSION_KEY)
    if (
        seconds
        and user_id is not None
        and session.get(BACKEND_SESSION_KEY) in settings.AUTHENTICATION_BACKENDS
    ):
        cached = cache.get(key(user_id))
        session_hash = session.get(HASH_SESSION_KEY)
        if (
            cached is not None
            and cached.is_active
            and session_hash
            and constant_time_compare(session_hash, cached.get_session_auth_hash())
        ):
            return cached
    user = auth.get_user(request)
    if seconds and user.is_authenticated:
        backends.load(user)  # roles and permissions travel with the copy (`forget_rights`)
        cache.set(key(user.pk), user, seconds)
    return user


class CachedUserMiddleware(AuthenticationMiddleware):
    """AuthenticationMiddleware whose `request.user` comes through `get_user` above."""

    def process_request(self, request) -> None:
        super().process_request(request)

        def user():
            if not hasattr(request, "_cached_user"):
                request._cached_user = get_user(request)
            return request._cached_user

        request.user = SimpleLazyObject(user)


def forget(sender, instance=None, user=None, **kwargs) -> None:
    """Signal receiver (post_save, post_delete, user_logged_in): drop the user's copy now and
    after the commit."""
    target = instance if instance is not None else user
    if target is None or target.pk is None:
        return
    cache.delete(key(target.pk))
    transaction.on_commit(lambda: cache.delete(key(target.pk)))


def _forget_ids(user_ids) -> None:
    keys = [key(pk) for pk in set(user_ids)]
    if keys:
        cache.delete_many(keys)
        transaction.on_commit(lambda: cache.delete_many(keys))


def _users_of(*, groups=None, permissions=None) -> list:
    """The ids of the users whose rights hang on these groups or permissions (ids or None)."""
    user_groups = get_user_model().groups.through.objects
    ids = []
    if groups is not None:
        ids += user_groups.filter(group_id__in=groups).values_list("user_id", flat=True)
    if permissions is not None:
        user_perms = get_user_model().user_permissions.through.objects
        ids += user_perms.filter(permission_id__in=permissions).values_list("user_id", flat=True)
        group_perms = user_groups.model._meta.get_field("group").related_model.permissions.through.objects
        holders = group_perms.filter(permission_id__in=permissions).values("group_id")
        ids += user_groups.filter(group_id__in=holders).values_list("user_id", flat=True)
    return ids


# The m2m tables whose rows decide a user's roles and permissions, by label, so a data migration's
# historical models (accounts/roles.py `sync_roles`) count as well.
USER_SIDE = {"auth.User_groups", "auth.User_user_permissions"}
GROUP_PERMISSIONS = "auth.Group_permissions"


def forget_rights(sender, instance=None, action="", reverse=False, pk_set=None, **kwargs) -> None:
    """Signal receiver (m2m_changed, and pre_delete / post_save of Group and Permission): drop
    the copies of every user whose roles or permissions this change can touch, now and after
    the commit. A clear from the far side (`group.user_set.clear()`) names no rows, so the users
    are read before it (pre_clear)."""
    if not settings.CACHED_USER_SECONDS:
        return
    label = sender._meta.label
    if label in USER_SIDE:
        if action not in {"post_add", "post_remove", "pre_clear", "post_clear"}:
            return
        if not reverse:  # user.groups.add(...): this user
            _forget_ids([instance.pk])
        elif pk_set is not None:  # group.user_set.add(users): those users
            _forget_ids(pk_set)
        elif action == "pre_clear":  # group.user_set.clear(): its users, read before
            field = "group" if label == "auth.User_groups" else "permission"
            _forget_ids(
                sender.objects.filter(**{f"{field}_id": instance.pk}).values_list("user_id", flat=True)
            )
    elif label == GROUP_PERMISSIONS:
        if action not in {"post_add", "post_remove", "pre_clear", "post_clear"}:
            return
        if not reverse:  # group.permissions.add(...): the group's users
            _forget_ids(_users_of(groups=[instance.pk]))
        elif pk_set is not None:  # permission.group_set.add(groups): those groups' users
            _forget_ids(_users_of(groups=pk_set))
        elif action == "pre_clear":
            _forget_ids(_users_of(permissions=[instance.pk]))
    elif label == "auth.Group":  # renamed (a role is a name) or about to be deleted
        _forget_ids(_users_of(groups=[instance.pk]))
    elif label == "auth.Permission":  # about to be deleted
        _forget_ids(_users_of(permissions=[instance.pk]))
