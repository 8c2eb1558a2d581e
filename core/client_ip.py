"""The address a request came from, for every per-address limit (login lockout, password reset).

Behind the TLS proxy every request reaches the application from the proxy's own address, so
REMOTE_ADDR alone would make all clients one: 20 wrong passwords from anywhere would lock
everybody out. X-Forwarded-For alone cannot be trusted either: a client writes whatever it likes
into it. What can be trusted is the entry the proxy itself appended, the last one
(`proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;` in deploy/nginx.conf), and only
when the request really came from the proxy (REMOTE_ADDR in TRUSTED_PROXIES). django-ipware's
`proxy_count` counts proxies listed inside the header, which behind one nginx gives no address
at all or the forgeable leftmost one, so this one function replaces it
(settings.AXES_CLIENT_IP_CALLABLE points here).
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _address(value: str | None) -> str | None:
    """The address in its canonical form, or None when it is not one."""
    try:
        return str(ipaddress.ip_address((value or "").strip()))
    except ValueError:
        return None


def is_trusted_proxy(address: str | None) -> bool:
    """True when the address is one of TRUSTED_PROXIES (addresses or networks; `*` for any, as
    in gunicorn's forwarded_allow_ips)."""
    if address is None:
        return False
    ip = ipaddress.ip_address(address)
    for entry in settings.TRUSTED_PROXIES:
        entry = entry.strip()
        if entry == "*":
            return True
        try:
            if ip in ipaddress.ip_network(entry, strict=False):
                return True
        except ValueError:
            continue  # a host name or a typo trusts nothing
    return False


def client_ip(request: HttpRequest) -> str | None:
    """The client's address: the last X-Forwarded-For entry when BEHIND_TLS_PROXY is on and the
    request came from a trusted proxy, else the address the request came from."""
    remote = _address(request.META.get("REMOTE_ADDR"))
    if not settings.BEHIND_TLS_PROXY or not is_trusted_proxy(remote):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    # A proxy probing /health/ itself sends no header: then the proxy is the client.
    return _address(forwarded.rsplit(",", 1)[-1]) or remote
