"""Fixtures shared by every app's tests: one user per role, the seed data, the browser."""
from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission
from django.db.models import Q

from accounts import roles

PASSWORD = "correct-horse-battery-staple"


def role_group(role: str) -> Group:
    """The role's group. The data migrations create the groups, but a transactional test
    (live_server, concurrency) ends with a flush that empties auth_group; the permissions come
    back through post_migrate, so a later test rebuilds the groups from accounts.roles here."""
    if not Group.objects.filter(name=role).exists():
        for name, models in roles.ROLE_PERMISSIONS.items():
            wanted = Q(pk__in=[])
            for label, actions in models.items():
                app_label, model = label.split(".")
                wanted |= Q(content_type__app_label=app_label, codename__in=[f"{a}_{model}" for a in actions])
            Group.objects.get_or_create(name=name)[0].permissions.set(Permission.objects.filter(wanted))
    return Group.objects.get(name=role)


def make_user(django_user_model, username: str, role: str | None):
    user = django_user_model.objects.create_user(username=username, password=PASSWORD)
    if role:
        user.groups.add(role_group(role))
    return user


@pytest.fixture(autouse=True)
def _static_files_without_manifest(settings):
    """Tests run with DEBUG off, where the manifest storage needs `collectstatic` first; pages
    rendered in tests (and live_server) link static files by their plain names instead."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


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
