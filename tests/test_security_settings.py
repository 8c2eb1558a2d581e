"""Production settings pass Django's deployment checks; every page carries a strict CSP."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.urls import reverse


def test_check_deploy_is_clean_with_production_settings():
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DEBUG": "0",
        "SECRET_KEY": "k" + "x7#Qz!9vLp$2mWr^4tYb&8nHc*6jFd(0sGe)3aKu-5iOl+1" * 2,
        "ALLOWED_HOSTS": "iop.example.se",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_pages_carry_a_content_security_policy_without_unsafe_inline(client, official):
    client.force_login(official)
    policy = client.get(reverse("partnerships:overview"))["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "default-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def test_no_template_has_an_inline_script():
    inline = []
    for template in Path(settings.BASE_DIR, "templates").rglob("*.html"):
        for tag in re.findall(r"<script\b[^>]*>", template.read_text()):
            if "src=" not in tag and 'type="application/json"' not in tag:
                inline.append(f"{template}: {tag}")
        if re.search(r"\son[a-z]+=", template.read_text()):
            inline.append(f"{template}: inline event handler")
    assert inline == []
