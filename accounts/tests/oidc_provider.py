"""A real OpenID Connect provider for the single sign-on tests: oidc-provider-mock, started on
127.0.0.1 on a free port by the `oidc_provider` fixture and stopped at the end of the session.

It accepts any client id and secret, signs real ID tokens (RS256, its JWKS), and lets a test say
who logs in: `set_user(sub, claims)` (PUT /users/<sub>), then POST the field `sub` on its
authorization page. It accepts PKCE parameters without verifying them, so the tests check that
the request carries them.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests

from iop_registry.settings import origin_of

GROUP_MAP = {
    "iop-handlaggare-an": {"role": "handläggare", "committees": ["AN"]},
    "iop-koordinator-sn": {"role": "koordinator", "committees": ["SN"]},
    "iop-sekreterare": {"role": "nämndsekreterare"},
    "iop-an": {"committees": ["AN"]},
    "iop-systemforvaltare": {"role": "systemförvaltare"},
}
CLIENT_ID = "iop-registret"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _command() -> list[str]:
    script = Path(sys.executable).with_name("oidc-provider-mock")
    return [str(script) if script.exists() else shutil.which("oidc-provider-mock") or "oidc-provider-mock"]


@pytest.fixture(scope="session")
def oidc_provider():
    """The provider's base URL (http://127.0.0.1:PORT)."""
    port = free_port()
    process = subprocess.Popen(
        [*_command(), "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if requests.get(f"{base}/.well-known/openid-configuration", timeout=2).ok:
                    break
            except requests.ConnectionError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("oidc-provider-mock did not start")
            time.sleep(0.2)
        yield base
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def configure(settings, base: str) -> None:
    """Point the OIDC_* settings at the provider, from its discovery document."""
    found = requests.get(f"{base}/.well-known/openid-configuration", timeout=5).json()
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = "$ecret-read-as-it-is"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = found["authorization_endpoint"]
    settings.OIDC_OP_TOKEN_ENDPOINT = found["token_endpoint"]
    settings.OIDC_OP_JWKS_ENDPOINT = found["jwks_uri"]
    settings.OIDC_OP_USER_ENDPOINT = ""
    settings.OIDC_OP_LOGOUT_ENDPOINT = found["end_session_endpoint"]
    settings.OIDC_ROLE_MAP = GROUP_MAP
    # as settings.py does from OIDC_OP_LOGOUT_ENDPOINT: the logout form may go on to the provider
    settings.SECURE_CSP = {
        **settings.SECURE_CSP,
        "form-action": ["'self'", *origin_of(found["end_session_endpoint"])],
    }


def set_user(base: str, sub: str, claims: dict) -> None:
    requests.put(f"{base}/users/{sub}", json=claims, timeout=5).raise_for_status()


def authorize(authorize_url: str, sub: str) -> str:
    """Log in at the provider as `sub`; returns where it sends the browser back (path + query)."""
    answer = requests.post(authorize_url, data={"sub": sub}, allow_redirects=False, timeout=5)
    assert answer.status_code == 302, answer.text[:500]
    back = urlsplit(answer.headers["Location"])
    return f"{back.path}?{back.query}"
