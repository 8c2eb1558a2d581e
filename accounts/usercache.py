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
The user is cached as the backend returned it, before any roles or permissions are loaded onto
it (accounts/backends.py), so those are still read once per request.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import auth
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.core.cache import cache
from django.db import transaction
from django.utils.crypto import constant_time_compare
from django.utils.functional import SimpleLazyObject


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
