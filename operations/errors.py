"""Errors of the services the registry depends on, told in a few words for a log line or `/health/`."""

from __future__ import annotations

import re


def short_reason(error: BaseException) -> str:
    """The last part of an error's first line, e.g. "Connection refused": what went wrong, without
    the addresses, queries or multi-line hints drivers add to their messages (psycopg's
    'connection failed: connection to server at "…", port 5432 failed: Connection refused',
    redis's "Error 111 connecting to host:6379. Connection refused.")."""
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    last = text.rsplit(": ", 1)[-1].strip().rstrip(".").rsplit(". ", 1)[-1]
    reason = re.sub(r"^\[Errno -?\d+\] ", "", last)
    return reason[:200] or type(error).__name__
