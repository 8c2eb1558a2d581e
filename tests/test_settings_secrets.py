"""Secrets are read exactly as set (no `$` interpolation), and production refuses a short key.

The settings module is executed afresh (runpy) with the environment each test gives it, so the
running test process's own settings are untouched; one test starts `manage.py` for real.
"""

from __future__ import annotations

import os
import runpy
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

SETTINGS_FILE = str(settings.BASE_DIR / "iop_registry" / "settings.py")
LONG_KEY = "k7#Qz!9vLp2mWr^4tYb&8nHc*6jFd(0sGe)3aKu-5iOl+1wXyZ"  # 50 characters


def load_settings(monkeypatch, **environment: str) -> dict:
    # only what the test sets: not a developer's own .env file
    monkeypatch.setattr("environ.Env.read_env", classmethod(lambda cls, *args, **kwargs: None))
    for name in ("SECRET_KEY", "DEBUG", "DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(SETTINGS_FILE)


def test_a_dollar_secret_key_stays_literal_in_production(monkeypatch):
    loaded = load_settings(monkeypatch, DEBUG="0", SECRET_KEY="$HOME" + LONG_KEY)
    assert loaded["SECRET_KEY"] == "$HOME" + LONG_KEY


def test_secret_key_dollar_home_is_not_read_as_the_home_folder(monkeypatch):
    """`SECRET_KEY='$HOME'` is refused as too short, never silently taken as `/root`."""
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY is 5 characters long"):
        load_settings(monkeypatch, DEBUG="0", SECRET_KEY="$HOME")
    loaded = load_settings(monkeypatch, DEBUG="1", SECRET_KEY="$HOME")
    assert loaded["SECRET_KEY"] == "$HOME"


def test_a_generated_development_key_starting_with_dollar_starts(monkeypatch):
    """2 in 50 generated keys started with `$` and crashed the start with a RecursionError."""
    monkeypatch.setattr(
        "django.core.management.utils.get_random_secret_key", lambda: "$" + LONG_KEY, raising=True
    )
    loaded = load_settings(monkeypatch, DEBUG="1")
    assert loaded["SECRET_KEY"] == "$" + LONG_KEY


@pytest.mark.parametrize("length", [0, 1, 27, 49])
def test_production_refuses_a_secret_key_shorter_than_50_characters(monkeypatch, length):
    with pytest.raises(ImproperlyConfigured, match="at least 50"):
        load_settings(monkeypatch, DEBUG="0", SECRET_KEY=LONG_KEY[:length])


def test_production_without_a_secret_key_says_so(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="Set the SECRET_KEY"):
        load_settings(monkeypatch, DEBUG="0")


def test_production_accepts_a_50_character_key(monkeypatch):
    assert load_settings(monkeypatch, DEBUG="0", SECRET_KEY=LONG_KEY)["SECRET_KEY"] == LONG_KEY


def test_manage_py_refuses_to_start_with_a_short_production_key():
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=settings.BASE_DIR,
        env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "DEBUG": "0", "SECRET_KEY": "too-short"},
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "SECRET_KEY is 9 characters long" in result.stderr


def test_the_seal_passphrase_is_read_as_set(monkeypatch):
    """The municipality's seal (contracting/seal.py): a passphrase starting with `$` is itself."""
    loaded = load_settings(
        monkeypatch,
        DEBUG="1",
        AGREEMENT_SEAL_PKCS12="/etc/iop-registret/seal.p12",
        AGREEMENT_SEAL_PASSPHRASE="$HOME x",
    )
    assert (loaded["AGREEMENT_SEAL_PKCS12"], loaded["AGREEMENT_SEAL_PASSPHRASE"]) == (
        "/etc/iop-registret/seal.p12",
        "$HOME x",
    )
