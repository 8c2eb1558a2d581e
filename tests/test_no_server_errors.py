"""No URL answers 5xx, whatever numbers it is given: every URL of the resolver with zero, huge
and out-of-range ids and years, every GET parameter of its forms and filter links with absurd
values, each as the roles allowed to open it (and the Django admin as the administrator).

An id past the largest bigint, year 0 or 99999, a date of 9999-12-31 or a 10,000-character
text must end in 404, a redirect or a form error, never in a server error.

Where it runs in full (issue 22, the suite inside its budget): the inputs are the same on both
databases, so the second run adds only what that database refuses and the first accepts. Every
500 this test found was PostgreSQL's or both databases' (a NUL in the search, 369ece0; a
10,000-character user name in axes' 255-character column, 06e7be1; a 20-digit agreement number
or admin history id, 4c07ba2 and 33550b7): PostgreSQL refuses NUL in text and a text past its
column, SQLite stores both. What SQLite refuses alone is a whole number past a signed 64-bit
integer as a query parameter (OverflowError; psycopg sends it as numeric, which PostgreSQL
compares). So CI runs every input on PostgreSQL and, with ABSURD_INPUTS=past-64-bits, only those
numbers on SQLite (.ci/run); `make test-deep` and a plain `make test` run every input.
"""

from __future__ import annotations

import os
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import NoReverseMatch, reverse

from tests import test_permission_matrix as matrix
from tests.test_permission_matrix import MATRIX, ROLES, url_for

# The permission matrix's fixtures: one of every object, one user per role.
objects = matrix.objects
users = matrix.users

pytestmark = pytest.mark.django_db

HUGE_IDS = [0, 2**31, 2**63, 10**20]
ABSURD_YEARS = [0, 1, 1999, 2101, 9999, 99999, 10**20]
ABSURD_VALUES = [
    "0",
    "9999",
    "-1",
    "99999999999999999999",
    "1e400",
    "0001-01-01",
    "9999-12-31",
    "x" * 10_000,
    "١٢٣",
    "%00\x00",
    "",
]
ADMIN_IDS = ["0", "-1", "99999999999999999999", "9223372036854775808", "abc", "1.5", "١"]
ADMIN_HISTORY_IDS = [("1", "abc"), ("abc", "1"), ("1", "99999999999999999999"), ("1", "-1")]


def past_64_bits(value) -> bool:
    """A whole number SQLite cannot take as a parameter (past 2**63 - 1), written in ASCII digits."""
    text = str(value)
    return text.isascii() and text.isdigit() and int(text) >= 2**63


if os.environ.get("ABSURD_INPUTS", "all") == "past-64-bits":
    HUGE_IDS = [number for number in HUGE_IDS if past_64_bits(number)]
    ABSURD_YEARS = [year for year in ABSURD_YEARS if past_64_bits(year)]
    ABSURD_VALUES = [value for value in ABSURD_VALUES if past_64_bits(value)]
    ADMIN_IDS = [value for value in ADMIN_IDS if past_64_bits(value)]
    ADMIN_HISTORY_IDS = [pair for pair in ADMIN_HISTORY_IDS if any(map(past_64_bits, pair))]
elif os.environ.get("ABSURD_INPUTS", "all") != "all":
    raise ValueError("ABSURD_INPUTS is 'all' (the default) or 'past-64-bits'")


def allowed_roles(name: str) -> list[str]:
    rule = MATRIX[name][1]
    return [
        role for role, status in zip(ROLES, rule, strict=True) if status in (200, 405) and role != "anonymous"
    ]


def login(users, role: str) -> Client:
    client = Client(raise_request_exception=False)
    if users[role] is not None:
        client.force_login(users[role])
        if users[role].totpdevice_set.filter(confirmed=True).exists():
            from django_otp import DEVICE_ID_SESSION_KEY

            session = client.session
            session[DEVICE_ID_SESSION_KEY] = users[role].totpdevice_set.get().persistent_id
            session.save()
    return client


def server_errors(client: Client, method: str, url: str, data=None) -> list[str]:
    response = getattr(client, method)(url, data) if data is not None else getattr(client, method)(url)
    return [f"{method.upper()} {url[:200]} -> {response.status_code}"] if response.status_code >= 500 else []


def variants(name: str, own: dict) -> list[str]:
    """The URL with each of its ids and years replaced, one at a time, by an absurd number."""
    kwargs_spec = MATRIX[name][0]
    real = {key: own[value].pk if isinstance(value, str) else value for key, value in kwargs_spec.items()}
    urls = []
    for key in real:
        for number in ABSURD_YEARS if key == "year" else HUGE_IDS:
            try:
                urls.append(reverse(name, kwargs={**real, key: number}))
            except NoReverseMatch:
                pass
    return urls


class GetParameters(HTMLParser):
    """Names of the fields of GET forms, and of the query parameters of links to the page."""

    def __init__(self):
        super().__init__()
        self.names: set[str] = set()
        self.in_get_form = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.in_get_form = (a.get("method") or "get").lower() == "get"
        elif tag in ("input", "select", "textarea") and self.in_get_form and a.get("name"):
            self.names.add(a["name"])
        elif tag == "a" and a.get("href") and "?" in a["href"]:
            self.names.update(
                key for key, _value in parse_qsl(urlsplit(a["href"]).query, keep_blank_values=True)
            )

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_get_form = False


def get_parameters(client: Client, url: str) -> set[str]:
    response = client.get(url)
    if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
        return set()
    parser = GetParameters()
    parser.feed(response.content.decode())
    return parser.names


def absurd_queries(names: set[str]) -> list[str]:
    names = names | {"year", "page"}
    queries = [urlencode({name: value for name in sorted(names)}) for value in ABSURD_VALUES]
    # one at a time too, so a parameter that fails is not hidden by another that redirects first
    queries += [urlencode({name: "99999999999999999999"}) for name in sorted(names)]
    return queries


@pytest.mark.long
@pytest.mark.parametrize("role", [role for role in ROLES if role != "anonymous"])
def test_no_url_answers_5xx_to_absurd_ids_years_or_parameters(users, objects, role):
    own, _others = objects
    client = login(users, role)
    errors: list[str] = []
    for name in MATRIX:
        if role not in allowed_roles(name):
            continue
        method = "post" if MATRIX[name][1][ROLES.index(role)] == 405 else "get"
        for url in variants(name, own):
            errors += server_errors(client, method, url)
        if method == "get":
            url = url_for(name, own).split("?")[0]
            for query in absurd_queries(get_parameters(client, url_for(name, own))):
                errors += server_errors(client, "get", f"{url}?{query}")
    assert errors == [], "\n".join(errors)


def admin_urls(model_admin) -> list[str]:
    info = model_admin.model._meta.app_label, model_admin.model._meta.model_name
    urls = []
    for view in ("change", "delete", "history"):
        for object_id in ADMIN_IDS:
            try:
                urls.append(reverse(f"admin:{info[0]}_{info[1]}_{view}", args=[object_id]))
            except NoReverseMatch:
                pass
    for object_id, history_id in ADMIN_HISTORY_IDS:
        try:
            urls.append(reverse(f"admin:{info[0]}_{info[1]}_simple_history", args=[object_id, history_id]))
        except NoReverseMatch:
            pass
    return urls


@pytest.mark.long
def test_no_admin_url_answers_5xx_to_absurd_ids_or_filters(users, objects):
    client = login(users, "administrator")
    errors: list[str] = []
    for model, model_admin in admin.site._registry.items():
        info = model._meta.app_label, model._meta.model_name
        for url in admin_urls(model_admin):
            errors += server_errors(client, "get", url)
        changelist = reverse(f"admin:{info[0]}_{info[1]}_changelist")
        names = get_parameters(client, changelist) | {"q", "p", "o", "e"}
        for query in absurd_queries(names):
            errors += server_errors(client, "get", f"{changelist}?{query}")
    assert errors == [], "\n".join(errors)


def test_the_audit_filters_take_absurd_ids(users, objects):
    client = login(users, "administrator")
    errors: list[str] = []
    for query in (
        {"user": "99999999999999999999"},
        {"participant": "#99999999999999999999"},
        {"participant": "#-1"},
        {"date_from": "0001-01-01", "date_to": "9999-12-31"},
    ):
        errors += server_errors(client, "get", f"{reverse('audit:access_log')}?{urlencode(query)}")
    assert errors == [], "\n".join(errors)


@pytest.mark.parametrize("username", ["x" * 10_000, "99999999999999999999", "\x00", "a" * 151, "١٢٣"])
def test_login_with_an_absurd_user_name_is_a_form_error(db, username):
    client = Client(raise_request_exception=False)
    response = client.post(reverse("login"), {"username": username, "password": "wrong-password"})
    assert response.status_code == 200
    assert response.context["form"].errors
