"""pytest plugin (pytest.ini: -p iop_registry.testing_env): the environment tests run in.

Loaded before pytest-django reads the settings, so `pytest` works without extra variables.
"""

import os

os.environ.setdefault("SECRET_KEY", "insecure-key-for-tests-only-" + "x" * 40)
os.environ.setdefault("DEBUG", "0")
# Production settings otherwise, but the test server speaks plain HTTP.
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("SECURE_COOKIES", "0")
# Playwright's sync API runs an event loop in the test thread; ORM calls there are safe in tests.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
