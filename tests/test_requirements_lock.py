"""The locks (requirements.txt, requirements-dev.txt, made by `make lock` from the .in files) pin
the whole closure with hashes, so `pip install --require-hashes` installs exactly what was
tested or nothing. These checks read the files; they need no network."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LOCKS = ["requirements.txt", "requirements-dev.txt"]
PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[A-Za-z0-9.+!_-]+)$")
HASH = re.compile(r"^--hash=sha256:[0-9a-f]{64}$")


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def entries(path: Path) -> list[str]:
    """Each requirement as one line: continuation lines joined, comments dropped."""
    text = re.sub(r"\\\n", " ", path.read_text())
    lines = (line.split(" #", 1)[0].strip() for line in text.splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def pins(path: Path) -> dict[str, str]:
    found = {}
    for entry in entries(path):
        match = PIN.match(entry.split()[0])
        if match:
            found[normalise(match["name"])] = match["version"]
    return found


@pytest.mark.parametrize("lock", LOCKS)
def test_every_line_is_pinned_with_a_hash(lock):
    lines = entries(ROOT / lock)
    assert len(lines) > 50, "the lock holds the whole closure, not only the top-level pins"
    for line in lines:
        requirement, *options = line.split()
        assert PIN.match(requirement), f"{lock}: not pinned with ==: {line}"
        assert options, f"{lock}: no --hash for {requirement}"
        for option in options:
            assert HASH.match(option), f"{lock}: {requirement} has {option!r}, not a sha256 hash"


def test_the_dev_lock_holds_the_runtime_closure_at_the_same_versions():
    runtime, dev = pins(ROOT / "requirements.txt"), pins(ROOT / "requirements-dev.txt")
    assert {name: dev.get(name) for name in runtime} == runtime


@pytest.mark.parametrize(
    ("source", "lock"), [("requirements.in", LOCKS[0]), ("requirements-dev.in", LOCKS[1])]
)
def test_the_lock_has_the_top_level_pins(source, lock):
    """A pin changed in an .in file without `make lock` fails here."""
    wanted = {}
    for entry in entries(ROOT / source):
        if entry.startswith("-"):
            continue  # -r / -c lines
        name, version = re.sub(r"\[.*\]", "", entry).split("==")
        wanted[normalise(name)] = version
    locked = pins(ROOT / lock)
    assert {name: locked.get(name) for name in wanted} == wanted


@pytest.mark.parametrize("lock", LOCKS)
def test_each_line_holds_its_pin_and_its_hashes(lock):
    """`make lock` joins pip-compile's continuation lines, so every line that is not a comment
    is a whole requirement: a line-by-line reader (a review script, grep) finds none unpinned."""
    for line in (ROOT / lock).read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            assert "==" in line and "--hash=sha256:" in line and not line.endswith("\\"), line
