"""The access log names pages by their Swedish titles (audit/pages.py), and every page that
writes the log has one: a new logged page without a title fails here."""

from __future__ import annotations

import inspect
import sys

import pytest
from django.urls import resolve, reverse
from django.utils import translation

from audit.pages import page_title
from tests.personal_data_urls import admin_personal_data_url_names, url_names

WRITES_THE_LOG = ("log_request(", "log_access(")


def logging_modules() -> set[str]:
    """The view modules that write the access log anywhere in them."""
    return {
        name
        for name, module in list(sys.modules.items())
        if name.endswith(("views", "views.py")) or ".views." in name
        if module is not None and any(call in inspect.getsource(module) for call in WRITES_THE_LOG)
    }


def logged_url_names() -> list[str]:
    """Every URL name served by a view module that writes the log (a page that shows a
    participant's data, or a helper of one), and every admin page of personal data."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - imports every view module
    modules = logging_modules()
    names = []
    for name in url_names():
        if name.startswith("admin:"):
            continue
        try:
            callback = resolve_callback(name)
        except LookupError:
            continue
        if inspect.unwrap(callback).__module__ in modules:
            names.append(name)
    return sorted(names) + admin_personal_data_url_names()


def resolve_callback(name: str):
    from django.urls import get_resolver

    namespace, _sep, short = name.rpartition(":")
    resolver = get_resolver()
    if namespace:
        resolver = resolver.namespace_dict[namespace][1]
    for pattern in resolver.url_patterns:
        if getattr(pattern, "name", None) == short:
            return pattern.callback
    raise LookupError(name)


def test_every_logged_page_has_a_swedish_title():
    names = logged_url_names()
    assert "participants:detail" in names and "portal:placement" in names and "home" in names
    assert any(name.startswith("admin:participants_") for name in names)
    with translation.override("sv"):
        missing = [name for name in names if page_title(name) == name]
        assert missing == []


def test_titles_read_as_swedish():
    with translation.override("sv"):
        assert page_title("participants:detail") == "Deltagare"
        assert page_title("admin:participants_placement_change") == "Administration: anvisningar – ändra"
        assert page_title("admin:participants_placement_simple_history") == (
            "Administration: anvisningar – historikpost"
        )
        assert page_title("no:such_page") == "no:such_page"


@pytest.mark.django_db
def test_the_access_log_shows_the_title_not_the_route(client, administrator, coordinator):
    from participants.tests.factories import PlacementFactory

    placement = PlacementFactory()
    client.force_login(coordinator)
    client.get(reverse("participants:detail", args=[placement.participant.pk]))
    client.force_login(administrator)
    response = client.get(reverse("audit:access_log"))
    html = response.content.decode()
    assert '<td title="participants:detail">Deltagare</td>' in html
    assert "<code>participants:detail</code>" not in html
    choices = dict(response.context["filter"].form.fields["url_name"].choices)
    assert choices["participants:detail"] == "Deltagare"
    assert resolve(reverse("audit:access_log")).view_name == "audit:access_log"
