"""gunicorn's access log as one JSON object per request (gunicorn.conf.py: `logger_class`).

gunicorn's own access format is a %-template, which cannot escape a quote in a user agent into
valid JSON; this logger hands the fields to python-json-logger instead. The path is logged
without its query string, so a search term (a name) never reaches the log.
"""

from __future__ import annotations

import os
import traceback

from gunicorn.glogging import Logger


class JsonAccessLogger(Logger):
    def access(self, resp, req, environ, request_time) -> None:
        if not self.access_log_enabled:
            return
        status = resp.status.split(None, 1)[0] if isinstance(resp.status, str) else resp.status
        try:
            self.access_log.info(
                "request",
                extra={
                    "remote_addr": environ.get("REMOTE_ADDR", "-"),
                    "method": environ.get("REQUEST_METHOD"),
                    "path": environ.get("PATH_INFO"),
                    "status": int(status),
                    "bytes": getattr(resp, "sent", None),
                    "duration_ms": request_time.seconds * 1000 + request_time.microseconds // 1000,
                    "user_agent": environ.get("HTTP_USER_AGENT", "-"),
                    "request_id": environ.get("HTTP_X_REQUEST_ID", ""),
                    "pid": os.getpid(),
                },
            )
        except Exception:
            self.error(traceback.format_exc())
