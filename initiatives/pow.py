"""Spam protection for the intake without a third party (issue 23): a proof of work after ALTCHA's
scheme, and a limit per client address.

The page carries a challenge: a random salt (with its expiry), `challenge` = SHA-256 of the salt
and a secret number below `max_number`, and `signature` = an HMAC of the challenge with a key
derived from SECRET_KEY. The browser (static/js/proof_of_work.js, vendored: no CDN) tries numbers
until one hashes to the challenge and sends the solution back; the server checks the signature
(it made the challenge), the expiry and the hash, and that the solution was not used before (kept
in the cache until it expires). Cheap for one form, costly for thousands.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
from dataclasses import asdict, dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import salted_hmac

EXPIRES_SECONDS = 60 * 60  # time to fill in the form after the page was opened
ALGORITHM = "SHA-256"


def _signature(challenge: str) -> str:
    return salted_hmac("initiatives.pow", challenge, algorithm="sha256").hexdigest()


def _hash(salt: str, number: int) -> str:
    return hashlib.sha256(f"{salt}{number}".encode()).hexdigest()


@dataclass(frozen=True)
class Challenge:
    algorithm: str
    challenge: str
    maxnumber: int
    salt: str
    signature: str

    def as_json(self) -> str:
        return json.dumps(asdict(self))


def create(*, now: float | None = None, max_number: int | None = None) -> Challenge:
    max_number = max_number or settings.INITIATIVE_POW_MAX_NUMBER
    expires = int((now or time.time()) + EXPIRES_SECONDS)
    salt = f"{secrets.token_hex(12)}?expires={expires}"
    challenge = _hash(salt, secrets.randbelow(max_number + 1))
    return Challenge(ALGORITHM, challenge, max_number, salt, _signature(challenge))


def solve(challenge: Challenge) -> str:
    """The payload a browser sends back (for tests and the script's reference)."""
    for number in range(challenge.maxnumber + 1):
        if _hash(challenge.salt, number) == challenge.challenge:
            payload = {
                "algorithm": challenge.algorithm,
                "challenge": challenge.challenge,
                "number": number,
                "salt": challenge.salt,
                "signature": challenge.signature,
            }
            return base64.b64encode(json.dumps(payload).encode()).decode()
    raise ValueError("No solution.")


def verify(payload: str, *, now: float | None = None) -> bool:
    """True for a solution to a challenge this server made, not expired and not used before."""
    try:
        data = json.loads(base64.b64decode(payload, validate=True))
        salt, challenge, signature = str(data["salt"]), str(data["challenge"]), str(data["signature"])
        number = int(data["number"])
        expires = int(salt.rsplit("?expires=", 1)[1])
    except (ValueError, KeyError, IndexError, TypeError):
        return False
    if expires < (now or time.time()):
        return False
    if not hmac.compare_digest(_signature(challenge), signature):
        return False
    if not hmac.compare_digest(_hash(salt, number), challenge):
        return False
    # Once only: a solved challenge replayed for a second submission is refused.
    return cache.add(f"initiatives:pow:{signature}", 1, timeout=EXPIRES_SECONDS + 60)


def over_limit(ip_address: str | None) -> bool:
    """Counts a submission from `ip_address` and says whether it is over the hourly limit.
    With the cache down it fails open, as the password reset's limit does (accounts/password_reset.py)."""
    key = f"initiatives:submissions:{ip_address or 'unknown'}"
    cache.add(key, 0, 60 * 60)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, 60 * 60)
        count = 1
    return count is not None and count > settings.INITIATIVE_LIMIT_PER_HOUR
