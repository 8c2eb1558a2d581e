"""Every log line knows its request: a request id (X-Request-ID), the path and the user's id.

`RequestIdMiddleware` takes the id a proxy sent in `X-Request-ID` (when it is a sane token) or
makes one, keeps the request in a context variable for the rest of the request, and sends the
id back in the response, so a user's "it went wrong at 10:14" can be found in the log.
`RequestContextFilter` adds the three fields to every record; settings.LOGGING prints them as
JSON lines (python-json-logger).

The path is `request.path`: never the query string, which may hold a searched name or number.
The user id is taken only if the request already loaded the user: a log line must never query
the database, which may be the very thing that is down.
"""

from __future__ import annotations

import logging
import re
import uuid
from contextvars import ContextVar

from django.http import HttpRequest

HEADER = "X-Request-ID"
# What a proxy may hand on: letters, digits and a few separators, at most 100 characters.
ACCEPTED_ID = re.compile(r"^[A-Za-z0-9._:-]{1,100}\Z")

current_request: ContextVar[HttpRequest | None] = ContextVar("current_request", default=None)


def request_id_for(request: HttpRequest) -> str:
    offered = request.headers.get(HEADER, "")
    return offered if ACCEPTED_ID.match(offered) else uuid.uuid4().hex


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        request.request_id = request_id_for(request)
        token = current_request.set(request)
        try:
            response = self.get_response(request)
        finally:
            current_request.reset(token)
        response[HEADER] = request.request_id
        return response


def loaded_user_id(request: HttpRequest) -> int | None:
    """The id of the user `AuthenticationMiddleware` has already loaded, else None."""
    user = request.__dict__.get("_cached_user")
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return user.pk


class RequestContextFilter(logging.Filter):
    """Adds `request_id`, `path` and `user_id` (None outside a request) to every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = current_request.get()
        if request is None:
            request = getattr(record, "request", None)
            if not isinstance(request, HttpRequest):
                request = None
        record.request_id = getattr(request, "request_id", None)
        record.path = request.path if request is not None else None
        record.user_id = loaded_user_id(request) if request is not None else None
        return True
