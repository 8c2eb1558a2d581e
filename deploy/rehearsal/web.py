"""How the rehearsal talks to the site as its users do: through nginx over TLS, or straight to
one application server as the proxy would (the same cookies, X-Forwarded-Proto, Host), and light
load from a few threads that records every answer."""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import requests


class Site:
    def __init__(self, base: str, cert: str, servers: dict[str, str]):
        self.base = base  # https://127.0.0.1:PORT, nginx
        self.cert = cert
        self.servers = servers  # name → http://127.0.0.1:PORT of each gunicorn
        self.host = urlsplit(base).netloc

    def session(self) -> requests.Session:
        session = requests.Session()
        session.verify = self.cert
        return session

    def get(self, session, path: str, server: str | None = None, **kwargs) -> requests.Response:
        return self._send(session, "GET", path, server, **kwargs)

    def post(self, session, path: str, data: dict, server: str | None = None, **kwargs) -> requests.Response:
        """A form POST with the page's CSRF token, as a browser sends it (Referer on HTTPS)."""
        token = csrf_token(self.get(session, kwargs.pop("form_path", path), server).text)
        return self._send(
            session, "POST", path, server, data={**data, "csrfmiddlewaretoken": token}, **kwargs
        )

    def _send(self, session, method, path, server, **kwargs) -> requests.Response:
        kwargs.setdefault("allow_redirects", False)
        kwargs.setdefault("timeout", 60)
        kwargs.setdefault("verify", self.cert)  # per request: REQUESTS_CA_BUNDLE would win over the session's
        headers = {"Referer": self.base + path, **kwargs.pop("headers", {})}
        if server is None:
            return session.request(method, self.base + path, headers=headers, **kwargs)
        # Straight to one gunicorn, as nginx forwards: the Secure cookies requests would keep
        # for HTTPS are passed by hand; the scheme and host are the proxy's.
        headers |= {
            "Host": self.host,
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": "127.0.0.1",
            "Cookie": "; ".join(f"{c.name}={c.value}" for c in session.cookies),
        }
        response = requests.request(method, self.servers[server] + path, headers=headers, **kwargs)
        for name, value in response.cookies.items():
            session.cookies.set(name, value, domain=urlsplit(self.base).hostname)
        return response

    def login(self, username: str, password: str) -> requests.Session:
        session = self.session()
        answer = self.post(session, "/login/", {"username": username, "password": password})
        if answer.status_code != 302:
            raise AssertionError(f"login of {username}: {answer.status_code}")
        return session


def csrf_token(html: str) -> str:
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    if not found:
        raise AssertionError("no CSRF token on the page")
    return found.group(1)


@dataclass
class Answer:
    at: float
    path: str
    status: int  # 0: no answer (connection refused, reset, timeout)
    text: str = ""


@dataclass
class Load:
    """Each session GETs `paths` in turn through nginx until stopped (`paths`: one list for all,
    or one list per session)."""

    site: Site
    sessions: list[requests.Session]
    paths: list[str] | list[list[str]]
    pause: float = 0.05
    answers: list[Answer] = field(default_factory=list)

    def __enter__(self):
        self.stopping = threading.Event()
        self.threads = [
            threading.Thread(target=self._run, args=(s, i), daemon=True) for i, s in enumerate(self.sessions)
        ]
        for thread in self.threads:
            thread.start()
        return self

    def _run(self, session, offset: int) -> None:
        index = offset
        paths = self.paths[offset] if isinstance(self.paths[0], list) else self.paths
        while not self.stopping.is_set():
            path = paths[index % len(paths)]
            index += 1
            try:
                response = self.site.get(session, path, timeout=20)
                answer = Answer(time.monotonic(), path, response.status_code, response.text[:3000])
            except requests.RequestException as error:
                answer = Answer(time.monotonic(), path, 0, str(error)[:300])
            self.answers.append(answer)
            time.sleep(self.pause)

    def __exit__(self, *exc):
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout=30)

    def between(self, start: float, end: float) -> list[Answer]:
        return [a for a in self.answers if start <= a.at <= end]


def summary(answers: list[Answer]) -> str:
    counts: dict[int, int] = {}
    for answer in answers:
        counts[answer.status] = counts.get(answer.status, 0) + 1
    return ", ".join(f"{status or 'no answer'}: {n}" for status, n in sorted(counts.items()))
