"""Fixtures shared by every app's tests: one user per role, the seed data, the browser."""

from __future__ import annotations

import os

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY

from accounts import roles
from tests import template_database
from tests.demo_data import load_once

PASSWORD = "correct-horse-battery-staple"


def role_group(role: str) -> Group:
    """The role's group. The data migrations create the groups, but a transactional test
    (live_server, concurrency) ends with a flush that empties auth_group; the permissions come
    back through post_migrate, so a later test gets the groups back from accounts.roles here."""
    if not Group.objects.filter(name=role).exists():
        from django.apps import apps

        roles.sync_roles(apps)
    return Group.objects.get(name=role)


def make_user(django_user_model, username: str, role: str | None):
    user = django_user_model.objects.create_user(username=username, password=PASSWORD)
    if role:
        user.groups.add(role_group(role))
    return user


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The tests marked `long` first. pytest-django then sorts the tests into its groups
    (database tests, transactional and browser tests, tests without a database) with a stable
    sort, and this hook runs before it, so a long test starts first within its group. `make test`
    runs on parallel workers (pytest-xdist), each in that order; a long test started last would
    keep one worker busy while the others have finished. Transactional and browser tests are not
    marked; that group keeps its collection order."""
    items.sort(key=lambda item: item.get_closest_marker("long") is None)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, django_db_use_migrations):
    """On PostgreSQL each worker's test database is a copy of one migrated once
    (tests/template_database.py)."""
    if django_db_use_migrations:
        from django.conf import settings

        template_database.use_template(settings.DATABASES["default"])


@pytest.fixture(autouse=True)
def _role_groups_after_a_flush(request):
    """The role groups for every transactional test (live_server, transactional_db): the one
    before it ended with a flush that emptied auth_group, so a user whose role comes from single
    sign-on (accounts/sso.py, by group name) would have no group to join. Which transactional
    test runs first depends on the order, and that differs between parallel workers."""
    if {"live_server", "transactional_db"} & set(request.fixturenames):
        request.getfixturevalue("transactional_db")
        role_group(roles.OFFICIAL)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache: the database is rolled back after each test, and a
    cached overview (partnerships/overview.py) must not outlive the rows it was built from."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _municipal_users_in_one_committee(request):
    """Municipal staff see only their own committees' agreements (issue 13, accounts/access.py),
    so a test's officials, coordinators and secretaries (the role fixtures here, `make_user`, or
    any user given a municipal group) need a membership. They get ONE: in every test, unless
    marked, each user with a municipal role is a member of the first committee (lowest pk: the
    seed's arbetsmarknadsnämnden, or the committee the test makes first), whether made before or
    after the user (tests/committee_members.py). A second committee the test makes is nobody's,
    so a page, job, export or mail that leaks across committees fails the test (issue 21: before,
    every user was in every committee and reminders mailed to another committee's official passed).

    `@pytest.mark.every_committee`: every municipal user in every committee, for a test that
    needs users in several. `@pytest.mark.committee_isolation`: no memberships made; the test
    makes its own (accounts/tests/test_access.py, tests/test_permission_matrix_committees.py)."""
    if request.node.get_closest_marker("committee_isolation"):
        yield
        return
    from tests import committee_members

    every = request.node.get_closest_marker("every_committee")
    committee_members.connect(committee_members.EVERY if every else committee_members.FIRST)
    yield
    committee_members.disconnect()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """The role fixtures hash a password per test; the production hasher takes most of a second."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def official(db, django_user_model):
    return make_user(django_user_model, "alice", roles.OFFICIAL)


@pytest.fixture
def coordinator(db, django_user_model):
    return make_user(django_user_model, "bob", roles.COORDINATOR)


@pytest.fixture
def secretary(db, django_user_model):
    return make_user(django_user_model, "charlie", roles.SECRETARY)


@pytest.fixture
def partner_user(db, django_user_model):
    return make_user(django_user_model, "dana", roles.PARTNER)


@pytest.fixture
def administrator(db, django_user_model):
    """A systemförvaltare, who must have a second factor: this one has an authenticator app."""
    user = make_user(django_user_model, "erik", roles.ADMINISTRATOR)
    user.is_staff = True  # the Django admin is the systemförvaltare's tool
    user.save(update_fields=["is_staff"])
    user.totpdevice_set.create(name="app", confirmed=True)
    return user


class SecondFactorClient(Client):
    """force_login() as a user who also passed the second factor, when they have one.

    Views are tested through the real middleware; only the code typing is skipped here.
    tests of the second-factor flow itself (accounts/tests/test_login.py) use plain requests.
    """

    def force_login(self, user, backend=None):
        super().force_login(user, backend)
        device = user.totpdevice_set.filter(confirmed=True).first()
        if device is not None:
            session = self.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()


@pytest.fixture
def client():
    return SecondFactorClient()


@pytest.fixture
def seed(db, request):
    """The committee's seed agreements (partnerships/demo.py), keyed as there."""
    from partnerships import demo

    return load_once(request, "partnerships.demo", demo.load)


@pytest.fixture
def demo_participants(seed, request):
    """The seed agreements with participants.demo's fictitious participants, placements and
    notes on them; returns the seed agreements."""
    from participants import demo

    load_once(request, "participants.demo", lambda: demo.load(seed), needs=("partnerships.demo",))
    return seed


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium; Playwright's own browser download does not work on these machines."""
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": [
            "--no-sandbox",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-gpu",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "sv-SE", "timezone_id": "Europe/Stockholm"}


@pytest.fixture(autouse=True)
def _test_storages(settings, tmp_path):
    """Static files without the production manifest (no collectstatic in tests); uploads and
    exports in a temporary folder of each test's own."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private", "base_url": None},
        },
        "attachments": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "attachments", "base_url": None},
        },
    }


def _flush_may_truncate_the_audit_tables() -> None:
    """Between transactional tests Django empties every table with TRUNCATE, which the access
    log's trigger refuses on PostgreSQL (audit/migrations/0003_refuse_truncate.py); the test
    flush, and only it, says that it means to."""
    from django.db.backends.postgresql.operations import DatabaseOperations

    flush = DatabaseOperations.execute_sql_flush

    def execute_sql_flush(self, sql_list):
        return flush(self, ["SET LOCAL audit.allow_truncate = 'on'", *sql_list])

    DatabaseOperations.execute_sql_flush = execute_sql_flush


_flush_may_truncate_the_audit_tables()


def form_data(response, form_index: int = -1) -> dict[str, str]:
    """The fields of a rendered form as a browser would submit them, untouched.

    Lets a test post an edit form back with only the changes it cares about.
    """
    from html.parser import HTMLParser

    class Collector(HTMLParser):
        def __init__(self):
            super().__init__()
            self.forms: list[dict[str, str]] = []
            self.select: str | None = None
            self.first_option: str | None = None
            self.textarea: str | None = None

        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            if tag == "form":
                self.forms.append({})
            elif not self.forms:
                return
            elif tag == "input" and a.get("name") and a.get("type") not in {"submit", "button", "file"}:
                if a.get("type") in {"checkbox", "radio"}:
                    if "checked" in a:
                        self.forms[-1][a["name"]] = a.get("value", "on")
                else:
                    self.forms[-1][a["name"]] = a.get("value", "")
            elif tag == "select":
                self.select, self.first_option = a.get("name"), None
            elif tag == "option" and self.select:
                value = a.get("value", "")
                if self.first_option is None:
                    self.first_option = value
                    self.forms[-1].setdefault(self.select, value)
                if "selected" in a:
                    self.forms[-1][self.select] = value
            elif tag == "textarea":
                self.textarea = a.get("name")
                self.forms[-1][self.textarea] = ""

        def handle_endtag(self, tag):
            if tag == "select":
                self.select = None
            elif tag == "textarea":
                self.textarea = None

        def handle_data(self, data):
            if self.textarea and self.forms:
                self.forms[-1][self.textarea] += (
                    data.lstrip("\n") if not self.forms[-1][self.textarea] else data
                )

    collector = Collector()
    collector.feed(response.content.decode())
    data = collector.forms[form_index]
    data.pop("csrfmiddlewaretoken", None)
    return data


# CI runs the property-based tests with a fixed seed, so a submission passes or fails the same
# way every time; a developer's run keeps exploring new examples.
if os.environ.get("CI"):
    from hypothesis import settings as hypothesis_settings

    hypothesis_settings.register_profile("ci", derandomize=True, deadline=None)
    hypothesis_settings.load_profile("ci")
