from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _default_clauses_after_a_flush(request):
    """A transactional test (live_server) ends with a flush that empties every table, the default
    clauses of migration 0002 too; the next one gets them back here (as conftest.py's role groups)."""
    if {"live_server", "transactional_db"} & set(request.fixturenames):
        request.getfixturevalue("transactional_db")
        from contracting.defaults import install
        from contracting.models import ClauseTemplate

        install(ClauseTemplate)
