"""A value kept in the server cache until anything it was built from changes (issue 22).

For figures over thousands of agreements that take a second of Python to build at national
scale (key figures, their downloads): the key holds what the value depends on besides the
data (the URL with its query, what the user may see, the language), and the data version of
the models it reads (core/dataversion.py), so a save anywhere makes the next request build it
again. Until the version settles the copy is kept only that long, as the other caches do.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable

from django.core.cache import cache
from django.db import models

from . import dataversion

KEEP_SECONDS = 600


def kept[T](
    name: str, parts: Iterable[object], shown: Iterable[type[models.Model]], build: Callable[[], T]
) -> T:
    """`build()`, or its copy made from the same data version and `parts`."""
    version = dataversion.read(shown)
    digest = hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()
    key = f"versioncache:{name}:{digest}:{version.token}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, version.seconds_to_settle() or KEEP_SECONDS)
    return value
