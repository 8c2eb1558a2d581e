"""The README's commands run as written (issue 25: its `followup_memo` example failed on the demo
data, `make run` could not take another port, and demo users had no address for a reminder)."""

from __future__ import annotations

import re
import shlex
import subprocess
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text()


def commands_block() -> list[str]:
    """The `python manage.py …` lines of the README's "## Commands" block, comments cut."""
    block = README.split("## Commands", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    return [line for line in block.splitlines() if line.startswith("python manage.py ")]


def test_make_run_serves_on_the_port_asked_for():
    """`make -n run` prints the recipe; the shell that runs it reads PORT from the environment."""
    assert "`PORT=8010 make run`" in README
    out = subprocess.run(["make", "-n", "run"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    address = re.search(r"runserver (\S+)", out).group(1)

    def served_on(env):
        return subprocess.run(["sh", "-c", f"echo {address}"], env=env, capture_output=True, text=True).stdout

    assert served_on({}).strip() == "127.0.0.1:8000"
    assert served_on({"PORT": "8010"}).strip() == "127.0.0.1:8010"


@pytest.mark.django_db
def test_the_readme_commands_run_on_the_demo_data(settings, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    settings.DEBUG = True
    commands = commands_block()
    ran = []
    for line in commands:
        name, *args = shlex.split(line, comments=True)[2:]
        if "<" in line.split("#")[0] or name in ("run_worker", "restore", "backup", "enqueue_daily"):
            continue  # a placeholder to fill in, a long-running process, or a database round trip
        call_command(name, *args)
        ran.append(name)
    assert {"load_demo", "followup_memo", "gallra", "remind"} <= set(ran), ran
    assert (tmp_path / "uppfoljning.pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.django_db
def test_demo_users_have_an_address_so_a_reminder_is_seen(settings):
    settings.DEBUG = True
    call_command("load_demo")
    users = get_user_model().objects.all()
    assert users.count() == 6 and all(user.email.endswith("@demo.example") for user in users)
    mail.outbox.clear()
    call_command("remind", "--as-of", "2027-01-16")
    assert mail.outbox, "the demo's reminders reach the demo users"
