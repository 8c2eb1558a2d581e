"""deploy/iop-registret.env.example serves systemd (EnvironmentFile=) and a shell
(`set -a; . file; set +a`, README, Production) alike: an unquoted value with a space
(`MUNICIPALITY_NAME=Linköpings kommun`) is one value to systemd but a command to the shell, which
then leaves the variable unset (issue 21, row 18)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parent.parent / "deploy" / "iop-registret.env.example"


def systemd_values(text: str) -> dict[str, str]:
    """What systemd's EnvironmentFile= makes of the file, for the forms it uses: one assignment a
    line, `#` lines ignored, a value in single quotes taken literally. A value that needs more
    (double quotes, escapes) is refused here rather than guessed."""
    values = {}
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith(("#", ";")):
            continue
        name, _, value = line.partition("=")
        if value.startswith("'"):
            assert value.endswith("'") and value.count("'") == 2, f"one single-quoted value: {line}"
            value = value[1:-1]
        else:
            assert not set(value) & set(" \t$#'\"\\`;&|<>()"), f"quote this value in single quotes: {line}"
        values[name.strip()] = value
    return values


def shell_values(path: Path) -> tuple[dict[str, str], str]:
    """What bash exports after `set -a; . file; set +a`, from an empty environment."""
    done = subprocess.run(
        ["bash", "-c", 'set -a; . "$1"; set +a; env -0', "bash", str(path)],
        env={"PATH": os.environ["PATH"], "LANG": "C.UTF-8"},
        capture_output=True,
        timeout=30,
        check=False,
    )
    exported = dict(item.split("=", 1) for item in done.stdout.decode().split("\0") if "=" in item)
    return exported, done.stderr.decode()


def test_the_shell_and_systemd_read_the_same_values():
    exported, errors = shell_values(EXAMPLE)
    assert errors == ""  # e.g. "kommun: command not found"
    expected = systemd_values(EXAMPLE.read_text())
    assert expected["MUNICIPALITY_NAME"] == "Linköpings kommun"
    assert {name: exported.get(name) for name in expected} == expected
