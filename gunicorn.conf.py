"""gunicorn's configuration for IOP-registret (`make serve`, deploy/iop-registret-web.service).

Every value can be changed from the environment without editing this file (GUNICORN_*); the
application's own settings come from the environment as the README's Production section lists.
"""

from __future__ import annotations

import multiprocessing
import os

wsgi_app = "iop_registry.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# gunicorn's rule of thumb: two workers per core plus one, synchronous workers.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
# Restart each worker after a number of requests, at staggered moments (jitter), so a slow leak
# never grows and the workers never restart all at once.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 1000))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", 100))
# A memo PDF renders in a few seconds; a request still running after `timeout` is killed.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 60))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", 30))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", 5))
# The TLS proxy in front sets X-Forwarded-For/-Proto; trust them only from the proxy's address.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
proc_name = "iop-registret"
# gunicorn's control socket is one path per user: two instances on a machine would share it.
control_socket_disable = True

# One JSON object per line: access log and gunicorn's own messages, to standard output.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "info")
# operations/gunicorn_logging.py writes each request as a JSON object (python-json-logger).
logger_class = "operations.gunicorn_logging.JsonAccessLogger"
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {
        "access": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stdout"},
        "error": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"},
    },
    "loggers": {
        "gunicorn.access": {"handlers": ["access"], "level": "INFO", "propagate": False},
        "gunicorn.error": {"handlers": ["error"], "level": loglevel.upper(), "propagate": False},
    },
    "root": {"handlers": ["error"], "level": "WARNING"},
}
