"""Fixtures shared by every app's tests: one user per role, the seed data, the browser."""
from __future__ import annotations

import pytest
from django.contrib.auth.models import Group

from accounts import roles

PASSWORD = "correct-horse-battery-staple"


def make_user(django_user_model, username: str, role: str | None):
    user = django_user_model.objects.create_user(username=username, password=PASSWORD)
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture(autouse=True)
def _static_files_without_collectstatic(settings):
    """Pages render in tests without `collectstatic`: plain static storage, no manifest."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


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
    return make_user(django_user_model, "erik", roles.ADMINISTRATOR)


@pytest.fixture
def seed(db):
    """The committee's seed agreements (partnerships/demo.py), keyed as there."""
    from partnerships import demo

    return demo.load()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium; Playwright's own browser download does not work on these machines."""
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-gpu"],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "sv-SE", "timezone_id": "Europe/Stockholm"}
