"""Schemathesis against the OpenAPI schema: every operation, as every role and without a token.

Through the WSGI application in-process, on the test database (rolled back after each test).
Examples per operation are capped (`MAX_EXAMPLES`) so the whole run takes a few minutes. What
must hold: no server error, and every documented response matches its schema (and content type).
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from api.tests.conftest import ROLES

MAX_EXAMPLES = int(os.environ.get("API_EXAMPLES", 0)) or 10
CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]


# Loaded through the application itself at collection time: the schema needs no database.
schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application())


@pytest.fixture
def _test_transaction_kept():
    """The WSGI handler closes the database connection at the start and end of a request when it
    is not in autocommit (Django's close_old_connections), which a test's transaction never is:
    on PostgreSQL every request after the first met a closed connection. Django's test client
    disconnects it around its requests the same way."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
@pytest.mark.django_db
def test_the_api_keeps_to_its_schema(case, tokens, _test_transaction_kept):
    """Each generated request is sent once per role (and once without a token)."""
    for role in [*ROLES, None]:
        headers = {"Authorization": f"Bearer {tokens[role]}"} if role else {}
        case.call_and_validate(headers=headers, checks=CHECKS)
