"""The shared cache fails open: with Redis down the site answers from the database, slower.

What the registry keeps in the cache can always be done without it: the overview is built again
(partnerships/overview.py) and the password-reset rate limit is not counted (accounts/password_reset.py
says why that is acceptable). The login lockout and the sessions are in the database, not here.
So a Redis outage must not become a 500 on every page that reads the cache (issue 21, row 4).

django-redis can swallow its connection errors itself (`IGNORE_EXCEPTIONS`: a read answers the
default, a write does nothing), but its own log of a swallowed error (`DJANGO_REDIS_LOG_IGNORED_
EXCEPTIONS`) is `logger.exception`: an ERROR with a full traceback for every cache call of every
request, a flood in the JSON log for the whole outage. `FailOpenRedisCache` keeps django-redis's
option and logs one WARNING line per failed call instead, with the reason and no traceback.
"""

from __future__ import annotations

import logging
import sys

from django_redis.cache import RedisCache

from .errors import short_reason

logger = logging.getLogger(__name__)


class _OneLine:
    """Stands in for django-redis's logger, which it asks only for `.exception()` while it
    handles a swallowed error."""

    def exception(self, *args, **kwargs) -> None:
        error = sys.exc_info()[1]
        cause = (error.__cause__ or error) if error else None
        logger.warning(
            "Cache unavailable, carrying on without it: %s",
            short_reason(cause) if cause else "unknown error",
        )


class FailOpenRedisCache(RedisCache):
    """django-redis with `IGNORE_EXCEPTIONS` on and one WARNING line per failed call."""

    def __init__(self, server: str, params: dict) -> None:
        params = {**params, "OPTIONS": {**params.get("OPTIONS", {}), "IGNORE_EXCEPTIONS": True}}
        super().__init__(server, params)
        self._log_ignored_exceptions = True
        self.logger = _OneLine()
